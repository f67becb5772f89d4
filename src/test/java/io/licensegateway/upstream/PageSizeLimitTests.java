package io.licensegateway.upstream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.licensegateway.simulator.ConsoleSimulator;
import io.licensegateway.simulator.SimulatedConsole;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

/**
 * {@code gateway.fetch.max-page-bytes} (64 KiB here): a console that announces a larger page, or streams one without
 * a length, fails its attempt with an error that names the limit, and the gateway stops reading at once; a console
 * whose pages fit is fetched as usual.
 */
@QuarkusTest
@TestProfile(PageSizeLimitTests.SmallPages.class)
class PageSizeLimitTests {

    static final int LIMIT = 64 * 1024;
    /** Bytes the streaming console managed to send before the gateway hung up. */
    static final AtomicLong streamed = new AtomicLong();
    static final CompletableFuture<Void> hungUp = new CompletableFuture<>();

    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OversizedConsoles.class));
        }
    }

    @Test
    void refusesPagesLargerThanTheLimitAndStopsReadingThem() throws Exception {
        JsonPath run = given().post("/api/v1/refresh").then().statusCode(200).extract().jsonPath();

        assertThat(outcome(run, "small")).containsEntry("outcome", "UPDATED").containsEntry("licenseCount", 5);
        for (String console : List.of("announced", "streamed")) {
            assertThat(outcome(run, console)).as(console).containsEntry("outcome", "FAILED")
                    .containsEntry("errorKind", "BAD_RESPONSE").containsEntry("attempts", 1);
            assertThat((String) outcome(run, console).get("error")).as(console)
                    .startsWith("GET /v2/licensing/cloudconnectLicenses answered a body larger than "
                            + "gateway.fetch.max-page-bytes (65536 bytes)");
        }
        assertThat((String) outcome(run, "announced").get("error")).endsWith("announced 209715200 bytes");

        // the streaming console saw its connection closed, long before it could send the 256 MiB it would
        hungUp.get(30, TimeUnit.SECONDS);
        assertThat(streamed.get()).isLessThan(32L * 1024 * 1024);

        JsonPath stored = given().get("/api/v1/runs/" + run.getLong("id")).then().statusCode(200).extract().jsonPath();
        assertThat(outcome(stored, "streamed")).containsEntry("error", outcome(run, "streamed").get("error"));
        given().get("/api/v1/consoles").then().statusCode(200)
                .body("data.find { it.name == 'announced' }.lastErrorKind", org.hamcrest.Matchers.equalTo("BAD_RESPONSE"));
    }

    private static Map<String, Object> outcome(JsonPath run, String console) {
        return run.getMap("consoles.find { it.console == '" + console + "' }");
    }

    /**
     * A simulated console with small pages, and one HTTP server standing for two consoles under their own base
     * paths: one announces a 200 MiB page, the other streams a page without a length until it is hung up on.
     */
    public static class OversizedConsoles implements QuarkusTestResourceLifecycleManager {

        private static final String TOKEN = "{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":3600}";

        private Vertx vertx;
        private ConsoleSimulator simulator;
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            vertx = Vertx.vertx();
            simulator = new ConsoleSimulator(vertx, 1).start();
            server = vertx.createHttpServer().requestHandler(request -> {
                HttpServerResponse response = request.response().putHeader("Content-Type", "application/json");
                if (request.path().endsWith("/token")) {
                    response.end(TOKEN);
                } else if (request.path().startsWith("/announced/")) {
                    response.putHeader("Content-Length", Long.toString(200L * 1024 * 1024)).write("[");
                } else {
                    response.setChunked(true).write("[");
                    response.closeHandler(closed -> hungUp.complete(null));
                    stream(response, Buffer.buffer("{\"id\":\"" + "x".repeat(1000) + "\"},"));
                }
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();

            Map<String, String> config = new HashMap<>();
            SimulatedConsole small = simulator.addConsole("small", 5);
            config.put("gateway.consoles.small.url", simulator.baseUri("small").toString());
            config.put("gateway.consoles.small.username", small.username());
            config.put("gateway.consoles.small.password", small.password());
            for (String name : List.of("announced", "streamed")) {
                config.put("gateway.consoles." + name + ".url", "http://127.0.0.1:" + server.actualPort() + "/" + name);
                config.put("gateway.consoles." + name + ".username", "svc");
                config.put("gateway.consoles." + name + ".password", "secret");
            }
            config.put("gateway.fetch.max-page-bytes", Integer.toString(LIMIT));
            config.put("gateway.fetch.retry.max-retries", "0");
            config.put("gateway.refresh.scheduled", "false");
            return config;
        }

        /** Writes as fast as the gateway reads, until it hangs up or 256 MiB are out. */
        private static void stream(HttpServerResponse response, Buffer item) {
            while (!response.closed() && !response.writeQueueFull() && streamed.get() < 256L * 1024 * 1024) {
                response.write(item);
                streamed.addAndGet(item.length());
            }
            if (!response.closed() && streamed.get() < 256L * 1024 * 1024) {
                response.drainHandler(drained -> stream(response, item));
            }
        }

        @Override
        public void stop() {
            server.close();
            simulator.close();
            vertx.close();
        }
    }
}
