package io.licensegateway.query.odata;

/** One lexical token; {@code value} holds the parsed value of literals. */
record Token(Kind kind, String text, int position, Object value) {

    enum Kind {
        LEFT_PAREN, RIGHT_PAREN, COMMA, WORD, STRING, NUMBER, DATE_TIME, END
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** How error messages show the token: literals as written, since their syntax already sets them apart. */
    String shown() {
        return switch (kind) {
            case STRING, NUMBER, DATE_TIME -> text;
            default -> "'" + text + "'";
        };
    }
}
