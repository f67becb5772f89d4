package io.licensegateway.security;

/**
 * A credential this gateway checked and refused; says what kind it was and whose, when that is known. Travels as the
 * cause of an {@code AuthenticationFailedException} (which is final) to {@link AuthenticationFailures}.
 */
class RefusedCredential extends RuntimeException {

    private final CredentialKind kind;
    private final String principal;

    RefusedCredential(CredentialKind kind, String principal) {
        super("invalid credentials", null, false, false);
        this.kind = kind;
        this.principal = principal;
    }

    CredentialKind kind() {
        return kind;
    }

    /** e.g. {@code vac:alice} for an expired token of a known account; null when unknown. */
    String principal() {
        return principal;
    }
}
