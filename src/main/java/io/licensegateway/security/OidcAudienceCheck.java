package io.licensegateway.security;

import java.util.List;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * With OIDC on, start-up fails unless {@code quarkus.oidc.token.audience} is set: without it Quarkus accepts any token
 * of the issuer that carries a role, including tokens issued for other applications of the same realm or tenant; and
 * {@code any}, Quarkus' way of switching the audience check off, is refused for the same reason.
 */
@ApplicationScoped
class OidcAudienceCheck {

    void check(@Observes StartupEvent event, SecurityConfig security, Config config) {
        if (security.oidc().enabled()) {
            String refusal = refusal(config.getOptionalValues("quarkus.oidc.token.audience", String.class)
                    .orElse(List.of()));
            if (refusal != null) {
                throw new IllegalStateException(refusal);
            }
        }
    }

    /** Why this audience setting is refused, or null when it names an audience. */
    static String refusal(List<String> audience) {
        if (audience.isEmpty()) {
            return "gateway.security.oidc.enabled=true needs quarkus.oidc.token.audience (QUARKUS_OIDC_TOKEN_AUDIENCE): "
                    + "the audience (aud) this gateway's tokens carry";
        }
        if (audience.stream().anyMatch(value -> value.strip().equalsIgnoreCase("any"))) {
            return "quarkus.oidc.token.audience=any turns the audience check off, so tokens issued for other "
                    + "applications would be accepted: name the audience this gateway's tokens carry";
        }
        return null;
    }
}
