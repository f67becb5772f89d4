package io.licensegateway.security;

import java.util.Locale;

/** What a caller presented, as the audit trail and the metrics name it (never the credential itself). */
public enum CredentialKind {
    /** {@code X-API-Key}, or a bearer that is neither our token nor (with OIDC on) a JWT. */
    API_KEY,
    /** An access token from {@code POST /token}. */
    VAC_TOKEN,
    /** A JWT checked by OIDC. */
    OIDC_TOKEN,
    /** {@code grant_type=password} at {@code POST /token}. */
    PASSWORD,
    /** {@code grant_type=refresh_token} at {@code POST /token}. */
    REFRESH_TOKEN;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
