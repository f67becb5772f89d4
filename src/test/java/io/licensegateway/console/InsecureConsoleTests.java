package io.licensegateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** Without gateway.allow-insecure-transport (production's default), http:// and trust-all consoles stop start-up. */
@QuarkusMainTest
@TestProfile(BadConsoleProfiles.InsecureTransport.class)
class InsecureConsoleTests {

    @Test
    @Launch(value = {}, exitCode = 1)
    void stopsStartUpNamingEveryInsecureConsoleAndTheSettingThatWouldAllowIt(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("gateway.consoles.eu-1.url is http://")
                .contains("gateway.consoles.us-1.tls.trust-all=true turns certificate checks off")
                .contains("gateway.allow-insecure-transport=true")
                .doesNotContain(BadConsoleProfiles.PASSWORD);
    }
}
