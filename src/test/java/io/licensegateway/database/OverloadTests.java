package io.licensegateway.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;

/**
 * More concurrent queries than the pool serves: each waits a bounded time, then is refused with a 503 problem and
 * Retry-After (never queued for ever, never a 500), while the management port keeps answering health and metrics;
 * once connections are free again, queries are served.
 */
@QuarkusTest
@TestProfile(OverloadTests.SmallPool.class)
class OverloadTests {

    private static final int REQUESTS = 60;

    public static class SmallPool extends SimulatedConsolesProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.datasource.reactive.max-size", "3");
            overrides.put("gateway.database.max-waiting", "8");
            overrides.put("gateway.database.acquire-timeout", "1s");
            return overrides;
        }
    }

    @Inject
    Pool pool;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aFloodBeyondThePoolIsRefusedWith503WhileHealthAndMetricsAnswer() throws Exception {
        List<SqlConnection> held = new ArrayList<>();
        try {
            // every connection the API could use is busy: whatever arrives now is more than the pool serves
            while (true) {
                held.add(pool.getConnection().await().atMost(Duration.ofSeconds(3)));
            }
        } catch (RuntimeException exhausted) {
            assertThat(held).isNotEmpty();
        }
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        try {
            String asOf = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1).toString();
            for (int i = 0; i < REQUESTS; i++) {
                // the paths that read the store; the current view does not need a connection
                String path = i % 3 == 0 ? "/api/v1/licenses?status=Valid&sort=companyName&asOf=" + asOf
                        : i % 3 == 1 ? "/api/v1/licenses/summary?groupBy=edition&asOf=" + asOf : "/api/v1/runs";
                flood.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                        .header("X-API-Key", DefaultCredentials.ADMIN_KEY).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // while the flood waits and is refused, the management port and the current view answer
            for (int i = 0; i < 5; i++) {
                given().get(management("/health/live")).then().statusCode(200);
                given().get(management("/metrics")).then().statusCode(200);
                given().get("/api/v1/licenses?status=Valid&sort=companyName").then().statusCode(200);
            }
            CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get();
        } finally {
            held.forEach(SqlConnection::closeAndAwait);
        }

        ObjectMapper json = new ObjectMapper();
        for (CompletableFuture<HttpResponse<String>> answer : flood) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("type").asText()).isEqualTo("urn:license-gateway:problem:overloaded");
            assertThat(problem.path("status").asInt()).isEqualTo(503);
        }

        given().get("/api/v1/licenses?status=Valid&sort=companyName").then().statusCode(200);
        given().get("/api/v1/consoles").then().statusCode(200);
    }

    private String management(String path) {
        return management.toString().replaceAll("/+$", "") + path;
    }
}
