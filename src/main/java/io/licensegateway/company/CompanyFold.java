package io.licensegateway.company;

import java.util.regex.Pattern;

/**
 * {@code company_fold} (V17) in Java, for names that never reach the database: the {@code company} filter's value
 * when the current view is answered from memory. The stored names are folded by PostgreSQL itself when the view is
 * loaded; {@code CompanyFoldTests} checks that both give the same result over a corpus of names.
 */
public final class CompanyFold {

    private static final String ACCENTED = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
    private static final String PLAIN = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnooooooooorrsssstuuuuuuuuyyzzz";
    private static final int F = Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{Alnum}]+", F);
    /** PostgreSQL's {@code \m(\w) (?=\w\M)}: single letters in a row are one word ("s p a" = "spa"). */
    private static final Pattern SINGLE_LETTERS = Pattern.compile("(?<!\\w)(\\w) (?=\\w(?!\\w))", F);
    private static final Pattern TRAILING_FORMS = Pattern.compile("(\\s(gmbh|mbh|ag|kg|kgaa|ohg|gbr|ug|ek|se|ltd|"
            + "limited|llc|llp|lp|plc|inc|incorporated|corp|corporation|co|company|sa|sas|sarl|sàrl|spa|srl|sl|sro|bv|"
            + "bvba|nv|sprl|oy|oyj|ab|as|asa|aps|pty|pte|kft|zoo|sp|ltda|sadecv|de|cv|and|the))+$", F);
    private static final Pattern LEADING_FORMS = Pattern.compile("^(ab|oy|pt|ooo|the)\\s(?=\\S)", F);

    private CompanyFold() {
    }

    /** The folded spelling of a company name, or null (for null, and for a name with nothing left). */
    public static String fold(String name) {
        if (name == null) {
            return null;
        }
        String lower = Lowercase.of(name);
        StringBuilder translated = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int at = ACCENTED.indexOf(c);
            translated.append(at >= 0 ? PLAIN.charAt(at) : c);
        }
        String replaced = translated.toString().replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
                .replace("&", " and ");
        String spaced = NOT_ALNUM.matcher(replaced).replaceAll(" ").trim();
        String joined = SINGLE_LETTERS.matcher(spaced).replaceAll("$1").trim();
        String stripped = LEADING_FORMS.matcher(TRAILING_FORMS.matcher(joined).replaceFirst("")).replaceFirst("");
        return stripped.isEmpty() ? null : stripped;
    }
}
