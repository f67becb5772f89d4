package io.licensegateway.query;

/**
 * The order of text in the view: by Unicode code point, which is PostgreSQL's {@code COLLATE "C"} over UTF-8. The
 * database path sorts text with that collation too, so both paths give one order whatever the database's default
 * collation is.
 */
final class Texts {

    private Texts() {
    }

    /**
     * Lower case as PostgreSQL's {@code lower()} and {@code ILIKE} fold text under a UTF-8 ctype: one code point at a
     * time, without {@link String#toLowerCase}'s context rules (final sigma) and expansions (İ to i + U+0307), which
     * would make a pattern folded here miss text folded there.
     */
    static String lower(String value) {
        StringBuilder lower = new StringBuilder(value.length());
        value.codePoints().forEach(c -> lower.appendCodePoint(Character.toLowerCase(c)));
        return lower.toString();
    }

    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // below the surrogates, UTF-16 order is code point order; from there on compare code points
                if (x < Character.MIN_SURROGATE && y < Character.MIN_SURROGATE) {
                    return x - y;
                }
                return Integer.compare(a.codePointAt(i), b.codePointAt(i));
            }
        }
        return a.length() - b.length();
    }
}
