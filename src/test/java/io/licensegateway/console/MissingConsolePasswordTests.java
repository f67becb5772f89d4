package io.licensegateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

@QuarkusMainTest
@TestProfile(BadConsoleProfiles.MissingPassword.class)
class MissingConsolePasswordTests {

    @Test
    @Launch(value = {}, exitCode = 1)
    void stopsStartUpNamingTheKey(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput()).contains("gateway.consoles.eu-1.password")
                .doesNotContain(BadConsoleProfiles.PASSWORD);
    }
}
