package io.licensegateway.security;

import java.util.List;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * With OIDC on, start-up fails unless {@code quarkus.oidc.token.audience} is set: without it Quarkus accepts any token
 * of the issuer that carries a role, including tokens issued for other applications of the same realm or tenant.
 */
@ApplicationScoped
class OidcAudienceCheck {

    void check(@Observes StartupEvent event, SecurityConfig security, Config config) {
        if (security.oidc().enabled()
                && config.getOptionalValues("quarkus.oidc.token.audience", String.class).orElse(List.of()).isEmpty()) {
            throw new IllegalStateException("gateway.security.oidc.enabled=true needs quarkus.oidc.token.audience "
                    + "(QUARKUS_OIDC_TOKEN_AUDIENCE): the audience (aud) this gateway's tokens carry");
        }
    }
}
