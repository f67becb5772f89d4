package io.licensegateway.upstream;

/** Why a console fetch failed, and whether trying again soon can help. */
public enum ErrorKind {
    CONNECT(true),
    TIMEOUT(true),
    CONNECTION_LOST(true),
    SERVER_ERROR(true),
    THROTTLED(true),
    AUTH(false),
    FORBIDDEN(false),
    NOT_FOUND(false),
    CLIENT_ERROR(false),
    BAD_RESPONSE(false),
    TLS(false),
    DEADLINE(false),
    CIRCUIT_OPEN(false),
    STORAGE(false),
    INTERNAL(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
