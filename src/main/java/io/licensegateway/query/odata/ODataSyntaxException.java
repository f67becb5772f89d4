package io.licensegateway.query.odata;

/** A {@code $filter} that cannot be parsed or translated; the message is meant for the caller who wrote it. */
public final class ODataSyntaxException extends RuntimeException {

    private final int position;
    private final String token;

    ODataSyntaxException(int position, String token, String problem) {
        super("at position " + position + ": " + problem);
        this.position = position;
        this.token = token;
    }

    /** 1-based character position in the filter text. */
    public int position() {
        return position;
    }

    /** The offending token as written, empty at the end of the input. */
    public String token() {
        return token;
    }
}
