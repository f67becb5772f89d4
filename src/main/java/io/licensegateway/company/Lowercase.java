package io.licensegateway.company;

/**
 * Lower case as PostgreSQL's {@code lower()} and {@code ILIKE} give it over UTF-8: one code point at a time, without
 * Java's special cases ({@code "İ".toLowerCase()} is two code points, {@code lower('İ')} one).
 */
public final class Lowercase {

    private Lowercase() {
    }

    public static String of(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || (c >= 'A' && c <= 'Z')) {
                return text.codePoints().map(Character::toLowerCase)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            }
        }
        return text;
    }
}
