package io.licensegateway.security;

import java.time.Duration;

/**
 * The caller's address is locked after too many failed authentications: whatever it presents is answered 429 until
 * the lock ends, a right credential too (else the lock would still tell a guesser when a guess was right). Travels as
 * the cause of an {@code AuthenticationFailedException} to {@link AuthenticationFailures}.
 */
class AddressLocked extends RuntimeException {

    private final CredentialKind kind;
    private final Duration retryAfter;

    AddressLocked(CredentialKind kind, Duration retryAfter) {
        super("too many failed authentications", null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    CredentialKind kind() {
        return kind;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
