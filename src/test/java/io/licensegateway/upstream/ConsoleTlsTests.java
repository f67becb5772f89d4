package io.licensegateway.upstream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.TlsConsolesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Consoles over HTTPS with certificates generated at test time: verification is on unless switched off. */
@QuarkusTest
@TestProfile(ConsoleTlsTests.HttpsConsoles.class)
class ConsoleTlsTests {

    public static class HttpsConsoles implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TlsConsolesResource.class));
        }
    }

    @Test
    void verifiesChainHostnameAndPins() {
        JsonPath run = given().post("/api/v1/refresh").then().statusCode(200).extract().jsonPath();

        assertThat(outcomes(run)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "tls-ca", "UPDATED",
                "tls-pinned-cert", "UPDATED",
                "tls-pinned-key", "UPDATED",
                "tls-trust-all", "UPDATED",
                "tls-system-trust", "TLS",
                "tls-other-ca", "TLS",
                "tls-wrong-pin", "TLS",
                "tls-wrong-host", "TLS"));
        given().get("/api/v1/consoles").then().statusCode(200)
                .body("data.find { it.name == 'tls-wrong-pin' }.lastErrorKind", equalTo("TLS"))
                .body("data.find { it.name == 'tls-wrong-pin' }.state", equalTo("FAILED"))
                .body("data.find { it.name == 'tls-ca' }.state", equalTo("OK"));
    }

    /** Console → outcome, or error kind when it failed. */
    private static Map<String, String> outcomes(JsonPath run) {
        Map<String, String> outcomes = new java.util.HashMap<>();
        for (Map<String, Object> o : run.<Map<String, Object>>getList("consoles")) {
            outcomes.put((String) o.get("console"),
                    o.get("errorKind") == null ? (String) o.get("outcome") : (String) o.get("errorKind"));
        }
        return outcomes;
    }
}
