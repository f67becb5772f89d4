package io.licensegateway.security;

import java.security.Principal;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * How the audit trail and run records name a caller: {@code api-key:<key name>}, {@code vac:<account>} or
 * {@code oidc:<subject>}.
 */
public final class Principals {

    static final String API_KEY = "api-key:";
    static final String VAC = "vac:";
    static final String OIDC = "oidc:";

    private Principals() {
    }

    /** The caller's name as above, or null for an anonymous caller. */
    public static String describe(Principal principal) {
        if (principal instanceof JsonWebToken jwt) {
            return OIDC + (jwt.getSubject() != null ? jwt.getSubject() : jwt.getName());
        }
        return principal == null || principal.getName() == null || principal.getName().isEmpty() ? null
                : principal.getName();
    }
}
