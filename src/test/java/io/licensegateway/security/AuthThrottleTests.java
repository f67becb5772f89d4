package io.licensegateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.Database;
import io.licensegateway.support.DefaultCredentials;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Brute force against API keys and {@code POST /token}, each test from its own client addresses (sent through
 * 127.0.0.1, a trusted proxy in this profile, as {@code X-Forwarded-For}), so no test's locks touch another's, nor
 * the counts and audit rows an earlier run left in the database.
 */
@QuarkusTest
@TestProfile(AuthThrottleTests.SmallLimits.class)
@DefaultCredentials.None
class AuthThrottleTests {

    static final int ADDRESS_LIMIT = 5;
    static final int ACCOUNT_LIMIT = 3;
    static final String ACCOUNT = "throttled-client";
    static final String PASSWORD = "throttle-test-password";
    static final String SALTED_ACCOUNT = "salted-client";

    /** Small limits, a short window, and 127.0.0.1 trusted as a proxy. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("gateway.refresh.scheduled", "false"),
                    Map.entry("gateway.security.throttle.window", "3s"),
                    Map.entry("gateway.security.throttle.max-failures-per-address", String.valueOf(ADDRESS_LIMIT)),
                    Map.entry("gateway.security.throttle.max-failures-per-account", String.valueOf(ACCOUNT_LIMIT)),
                    Map.entry("gateway.security.throttle.account-delay-after", "2"),
                    Map.entry("gateway.security.throttle.account-max-delay", "40ms"),
                    Map.entry("gateway.security.throttle.failures-before-delay", "1"),
                    Map.entry("gateway.security.throttle.initial-delay", "10ms"),
                    Map.entry("gateway.security.throttle.max-delay", "40ms"),
                    Map.entry("gateway.security.throttle.trusted-proxies", "127.0.0.1/32,::1"),
                    Map.entry("gateway.security.vac-accounts." + ACCOUNT + ".password-sha256",
                            java.util.HexFormat.of().formatHex(Hashes.sha256(PASSWORD))),
                    Map.entry("gateway.security.vac-accounts." + SALTED_ACCOUNT + ".password-pbkdf2",
                            VacPasswords.Pbkdf2.of(PASSWORD, new byte[16], VacPasswords.MIN_ITERATIONS)));
        }
    }

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    @Inject
    Database database;

    @Inject
    AuthThrottle throttle;

    @TestHTTPResource("/api/v1/consoles")
    URL consoles;

    /** This run's part of the IPv6 documentation prefix, so no run meets the counts an earlier one left behind. */
    private static final String RUN = Integer.toHexString(0x1000 + new java.util.Random().nextInt(0xe000));

    /** An IPv6 /64 of the documentation prefix that no other test of this run (or earlier run) uses. */
    private static String freshBlock() {
        return "2001:db8:" + RUN + ":" + Integer.toHexString(NEXT_ADDRESS.getAndIncrement()) + "::";
    }

    /** An address no other test of this run uses, alone in its /64. */
    private static String freshAddress() {
        return freshBlock() + "7";
    }

    private static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }

    private static ValidatableResponse login(String address, String password) {
        return from(address).contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", ACCOUNT).formParam("password", password).post("/token").then();
    }

    private static void locked(ValidatableResponse response, String retryAfter) {
        response.statusCode(429).contentType("application/problem+json").header("Retry-After", retryAfter)
                .body("type", equalTo("urn:license-gateway:problem:too-many-failed-authentications"))
                .body("status", equalTo(429));
    }

    @Test
    void wrongKeysFromOneAddressLockItUntilTheWindowEndsEvenForTheRightKey() {
        String attacker = freshAddress();
        for (int i = 1; i < ADDRESS_LIMIT; i++) {
            from(attacker).header("X-API-Key", "guess-" + i).get("/api/v1/consoles").then().statusCode(401)
                    .contentType("application/problem+json");
        }
        locked(from(attacker).auth().oauth2("guess-last").get("/api/v1/consoles").then(), "3");

        // locked: the right key is refused too, or the lock would tell when a guess was right
        locked(from(attacker).header("X-API-Key", DefaultCredentials.ADMIN_KEY).get("/api/v1/consoles").then(), "3");
        // other addresses are not affected
        from(freshAddress()).header("X-API-Key", DefaultCredentials.ADMIN_KEY).get("/api/v1/consoles").then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> from(attacker)
                .header("X-API-Key", DefaultCredentials.ADMIN_KEY).get("/api/v1/consoles").then().statusCode(200));

        // aggregated: one row per outcome, with how many (the four failures; the locked requests, polls included)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(database.strings(
                "select outcome || ' ' || count from audit_event where address = $1 order by id", attacker))
                .hasSize(2).startsWith("failure 4").element(1).asString().startsWith("locked "));
        assertThat(database.count("select count from audit_event where address = $1 and outcome = 'locked'", attacker))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void passwordGuessesLockTheAccountForTheGuessingAddressOnly() {
        String attacker = freshAddress();
        for (int i = 1; i < ACCOUNT_LIMIT; i++) {
            login(attacker, "wrong-" + i).statusCode(400).body("error", equalTo("invalid_grant"));
        }
        for (int i = ACCOUNT_LIMIT; i <= 10; i++) {
            locked(login(attacker, "wrong-" + i), "3");
        }
        locked(login(attacker, PASSWORD), "3");

        // the real user, from elsewhere, still logs in
        login(freshAddress(), PASSWORD).statusCode(200).body("access_token", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anAccountWithAPbkdf2HashLogsInWithItsPasswordOnly() {
        from(freshAddress()).contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", SALTED_ACCOUNT).formParam("password", PASSWORD).post("/token").then()
                .statusCode(200).body("access_token", org.hamcrest.Matchers.notNullValue());
        from(freshAddress()).contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", SALTED_ACCOUNT).formParam("password", PASSWORD + "x").post("/token").then()
                .statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void passwordGuessesFromManyAddressesSlowTheAccountButNeverLockIt() {
        for (int i = 1; i <= 2 * ACCOUNT_LIMIT; i++) {
            login(freshAddress(), "wrong-" + i).statusCode(400).body("error", equalTo("invalid_grant"));
        }
        assertThat(throttle.accountDelay(ACCOUNT)).isPositive();
        assertThat(throttle.accountDelay("another-account")).isZero();

        login(freshAddress(), PASSWORD).statusCode(200);
    }

    @Test
    void unknownAccountsAreCountedLikeKnownOnes() {
        String attacker = freshAddress();
        for (int i = 1; i < ACCOUNT_LIMIT; i++) {
            from(attacker).contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                    .formParam("username", "nobody").formParam("password", "x").post("/token").then().statusCode(400);
        }
        locked(from(attacker).contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "nobody").formParam("password", "x").post("/token").then(), "3");
    }

    @Test
    void aFloodOfWrongKeysWritesAHandfulOfRowsAndIsAuditedAggregated() throws Exception {
        String attacker = freshAddress();
        int requests = 5_000;
        long rowsBefore = rowsOfThePath();
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                HttpRequest request = HttpRequest.newBuilder(consoles.toURI()).header("X-Forwarded-For", attacker)
                        .header("X-API-Key", "flood-" + i).build();
                answers.add(threads.submit(() -> client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(1, TimeUnit.MINUTES)).isIn(401, 429);
            }
        } finally {
            threads.shutdownNow();
        }

        // every refusal is accounted for in the trail ...
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                database.count("select coalesce(sum(count), 0) from audit_event where address = $1", attacker))
                .isEqualTo(requests));
        // ... in a handful of rows: those of the trail and of the shared counts together
        assertThat(rowsOfThePath() - rowsBefore).isLessThanOrEqualTo(50);
        assertThat(database.count("select count(*) from audit_event where address = $1", attacker)).isLessThanOrEqualTo(4);
    }

    /** Rows of every table a refused authentication writes. */
    private long rowsOfThePath() {
        return database.count("select (select count(*) from audit_event) + (select count(*) from auth_throttle)");
    }

    @Test
    void failuresCountedByAnotherReplicaCountHereToo() {
        String attacker = freshAddress();
        // another replica has already counted all but one failure of this address in the current window
        database.execute("insert into auth_throttle (key, failures, window_started_at) values ($1, $2, now()) "
                + "on conflict (key) do update set failures = excluded.failures, window_started_at = now()",
                AuthThrottle.addressKey(attacker), ADDRESS_LIMIT - 1);

        locked(from(attacker).header("X-API-Key", "one-more-guess").get("/api/v1/licenses").then(), "3");
    }

    @Test
    void aRightKeyCostsNoThrottleRowAndCredentialsFreeRequestsAreNotFailures() {
        String caller = freshAddress();
        from(caller).header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/consoles").then().statusCode(200);
        from(caller).get("/api/v1/consoles").then().statusCode(401);

        assertThat(database.count("select count(*) from auth_throttle where key = $1", "address:" + caller)).isZero();
        assertThat(database.count("select count(*) from audit_event where address = $1", caller)).isZero();
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        String block = freshBlock();
        // each guess from another address of one /64
        for (int i = 1; i < ADDRESS_LIMIT; i++) {
            from(block + i).header("X-API-Key", "guess-" + i).get("/api/v1/consoles").then().statusCode(401);
        }
        locked(from(block + "ff").header("X-API-Key", "guess-last").get("/api/v1/consoles").then(), "3");
        locked(from(block.replace("::", ":abcd::1")).header("X-API-Key", DefaultCredentials.ADMIN_KEY)
                .get("/api/v1/consoles").then(), "3");
        // the neighbouring /64 is someone else
        from(freshAddress()).header("X-API-Key", DefaultCredentials.ADMIN_KEY).get("/api/v1/consoles").then()
                .statusCode(200);
    }

    @Test
    void theDelayGrowsWithEachFailureUpToItsMaximum() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(n -> AuthThrottle.delay(n, 3, Duration.ofMillis(250), Duration.ofSeconds(4)).toMillis()))
                .containsExactly(0L, 0L, 0L, 250L, 500L, 1000L, 2000L, 4000L, 4000L, 4000L);
        assertThat(AuthThrottle.delay(Integer.MAX_VALUE, 3, Duration.ofMillis(250), Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(4));
    }
}
