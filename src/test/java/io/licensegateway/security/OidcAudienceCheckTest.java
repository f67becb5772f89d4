package io.licensegateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OidcAudienceCheckTest {

    @Test
    void refusesNoAudienceAndAnyButAcceptsANamedOne() {
        assertThat(OidcAudienceCheck.refusal(List.of())).contains("needs quarkus.oidc.token.audience");
        assertThat(OidcAudienceCheck.refusal(List.of("any"))).contains("audience check off");
        assertThat(OidcAudienceCheck.refusal(List.of("license-gateway", " ANY "))).contains("audience check off");
        assertThat(OidcAudienceCheck.refusal(List.of("license-gateway"))).isNull();
    }
}
