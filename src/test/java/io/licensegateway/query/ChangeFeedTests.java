package io.licensegateway.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.licensegateway.simulator.SimulatedConsole;
import io.licensegateway.support.HistoryProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The change feed over real refreshes: a consumer walks it with its cursor while another thread edits simulated
 * consoles and refreshes them, and must see every change the edits made exactly once.
 */
@QuarkusTest
@TestProfile(HistoryProfile.class)
class ChangeFeedTests extends SimulatorTestBase {

    private static final List<String> CONSOLES = List.of("sim-15", "sim-16", "sim-17");
    private static final String FEED = "/api/v1/changes?console=" + String.join(",", CONSOLES) + "&limit=7";
    private static final int ROUNDS = 6;

    private static String refresh(String console) {
        JsonObject outcome = new JsonObject(given().queryParam("console", console).post("/api/v1/refresh").then()
                .statusCode(200).extract().asString()).getJsonArray("consoles").getJsonObject(0);
        assertThat(outcome.getString("outcome")).as("refresh of %s: %s", console, outcome).isIn("UPDATED", "UNCHANGED");
        return outcome.getString("outcome");
    }

    @Test
    void aConsumerPollingWithTheCursorSeesEveryChangeExactlyOnceWhileRefreshesLand() throws Exception {
        Map<String, List<JsonObject>> stored = new HashMap<>();
        List<String> expected = Collections.synchronizedList(new ArrayList<>());
        for (String name : CONSOLES) {
            refresh(name);
            stored.put(name, simulator.console(name).licenses());
            expected.addAll(diff(name, List.of(), stored.get(name)));
        }

        ExecutorService writer = Executors.newSingleThreadExecutor();
        CompletableFuture<Instant> done = CompletableFuture.supplyAsync(() -> {
            Random random = new Random(12);
            for (int round = 1; round <= ROUNDS; round++) {
                for (String name : CONSOLES) {
                    SimulatedConsole console = simulator.console(name);
                    List<JsonObject> next = edit(console.licenses(), random, round);
                    console.serve(next);
                    refresh(name);
                    expected.addAll(diff(name, stored.get(name), next));
                    stored.put(name, next);
                }
            }
            return Instant.now();
        }, writer);

        try {
            walkWhileRefreshing(done, expected);
        } finally {
            // a failed walk must not leave refreshes running into the next test
            writer.shutdown();
            assertThat(writer.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private void walkWhileRefreshing(CompletableFuture<Instant> done, List<String> expected) throws Exception {
        List<JsonObject> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        int pagesWhileWriting = 0;
        while (true) {
            boolean writing = !done.isDone();
            JsonObject page = new JsonObject((cursor == null ? given() : given().queryParam("cursor", cursor)).get(FEED)
                    .then().statusCode(200).extract().asString());
            pages++;
            pagesWhileWriting += writing ? 1 : 0;
            page.getJsonArray("data").forEach(c -> seen.add((JsonObject) c));
            JsonObject meta = page.getJsonObject("meta");
            cursor = meta.getString("nextCursor");
            assertThat(cursor).isNotNull();
            // caught up: the writer is done and this window reaches past its last refresh
            if (done.isDone() && !meta.getBoolean("more")
                    && Instant.parse(meta.getString("until")).isAfter(done.get())) {
                break;
            }
            assertThat(pages).as("the walk ends").isLessThan(2000);
        }
        // the writer's own checks held
        done.get();

        // nothing twice ...
        Set<String> keys = new HashSet<>();
        for (JsonObject change : seen) {
            assertThat(keys.add(change.getString("at") + " " + change.getString("console") + " " + change.getString("id")
                    + " " + change.getString("kind"))).as("seen once: %s", change).isTrue();
        }
        // ... in key order, and exactly what the edits changed
        List<String> order = seen.stream().map(c -> Instant.parse(c.getString("at")) + " " + c.getString("console")
                + " " + c.getString("id") + " " + c.getString("kind")).toList();
        assertThat(order).isSorted();
        List<String> got = new ArrayList<>(seen.stream().map(ChangeFeedTests::describe).toList());
        List<String> want = new ArrayList<>(expected);
        Collections.sort(got);
        Collections.sort(want);
        assertThat(got).isEqualTo(want);
        assertThat(pagesWhileWriting).as("pages read while refreshes landed").isPositive();
        // and a poll afterwards has nothing new
        JsonObject after = new JsonObject(given().queryParam("cursor", cursor).get(FEED).then().statusCode(200)
                .extract().asString());
        assertThat(after.getJsonArray("data")).isEmpty();

        // the same history read again two entries a page: pages cut inside a refresh's changes lose nothing
        List<JsonObject> again = new ArrayList<>();
        String small = "/api/v1/changes?console=" + String.join(",", CONSOLES) + "&limit=2";
        JsonObject page = new JsonObject(given().get(small).then().statusCode(200).extract().asString());
        for (int i = 0; i < 2000; i++) {
            page.getJsonArray("data").forEach(c -> again.add((JsonObject) c));
            if (!page.getJsonObject("meta").getBoolean("more")) {
                break;
            }
            page = new JsonObject(given().queryParam("cursor", page.getJsonObject("meta").getString("nextCursor"))
                    .get(small).then().statusCode(200).extract().asString());
        }
        assertThat(again).isEqualTo(seen);
    }

    /** Each round changes a status, moves an expiry, changes usage, renames, removes one license and adds one. */
    private static List<JsonObject> edit(List<JsonObject> served, Random random, int round) {
        List<JsonObject> licenses = new ArrayList<>(served);
        List<Integer> picks = new ArrayList<>();
        while (picks.size() < 5) {
            int index = random.nextInt(licenses.size());
            if (!picks.contains(index)) {
                picks.add(index);
            }
        }
        JsonObject status = licenses.get(picks.get(0));
        licenses.set(picks.get(0), status.copy().put("status", "Warning".equals(status.getString("status")) ? "Valid"
                : "Warning"));
        JsonObject expiry = licenses.get(picks.get(1));
        licenses.set(picks.get(1), expiry.copy().put("licenseExpirationDate",
                OffsetDateTime.parse(expiry.getString("licenseExpirationDate")).plusDays(30).toString()));
        JsonObject usage = licenses.get(picks.get(2));
        licenses.set(picks.get(2), usage.copy().put("usedCloudconnectBackups",
                usage.getInteger("usedCloudconnectBackups") + 1 + round));
        licenses.set(picks.get(3), licenses.get(picks.get(3)).copy().put("companyName", "Renamed in round " + round));
        JsonObject removed = licenses.get(picks.get(4));
        licenses.remove((int) picks.get(4));
        licenses.add(removed.copy().put("id", "added-" + round + "-" + random.nextInt(1_000_000)));
        return licenses;
    }

    /** The changes between two complete fetches of a console, described as {@link #describe} describes entries. */
    private static List<String> diff(String console, List<JsonObject> before, List<JsonObject> after) {
        Map<String, JsonObject> old = new HashMap<>();
        before.forEach(l -> old.put(l.getString("id"), l));
        Set<String> kept = new HashSet<>();
        List<String> changes = new ArrayList<>();
        for (JsonObject license : after) {
            String id = license.getString("id");
            kept.add(id);
            JsonObject previous = old.get(id);
            String prefix = console + " " + id + " ";
            if (previous == null) {
                changes.add(prefix + "added");
                continue;
            }
            if (!Objects.equals(previous.getString("status"), license.getString("status"))) {
                changes.add(prefix + "status " + previous.getString("status") + "->" + license.getString("status"));
            }
            if (!instant(previous.getString("licenseExpirationDate")).equals(instant(license.getString("licenseExpirationDate")))) {
                changes.add(prefix + "expiration " + instant(previous.getString("licenseExpirationDate")) + "->"
                        + instant(license.getString("licenseExpirationDate")));
            }
            if (!Objects.equals(previous.getInteger("usedCloudconnectBackups"), license.getInteger("usedCloudconnectBackups"))) {
                changes.add(prefix + "usage usedCloudconnectBackups " + previous.getInteger("usedCloudconnectBackups")
                        + "->" + license.getInteger("usedCloudconnectBackups"));
            }
            if (!Objects.equals(previous.getString("companyName"), license.getString("companyName"))) {
                changes.add(prefix + "other companyName " + previous.getString("companyName") + "->"
                        + license.getString("companyName"));
            }
        }
        before.stream().filter(l -> !kept.contains(l.getString("id")))
                .forEach(l -> changes.add(console + " " + l.getString("id") + " removed"));
        return changes;
    }

    private static String describe(JsonObject change) {
        String prefix = change.getString("console") + " " + change.getString("id") + " " + change.getString("kind");
        JsonObject changes = change.getJsonObject("changes");
        if (changes == null) {
            assertThat(change.getJsonObject("license").getString("id")).isEqualTo(change.getString("id"));
            return prefix;
        }
        List<String> fields = new ArrayList<>();
        changes.forEach(field -> {
            JsonObject values = (JsonObject) field.getValue();
            Object before = values.getValue("old");
            Object after = values.getValue("new");
            if (change.getString("kind").equals("expiration")) {
                before = instant((String) before);
                after = instant((String) after);
            }
            fields.add((change.getString("kind").equals("usage") || change.getString("kind").equals("other")
                    ? field.getKey() + " " : "") + before + "->" + after);
        });
        return prefix + " " + String.join(" ", fields);
    }

    private static Instant instant(String dateTime) {
        return OffsetDateTime.parse(dateTime).toInstant();
    }

    @Test
    void filtersByKindAndCompanyAndRefusesBadParameters() {
        SimulatedConsole console = simulator.console("sim-18");
        refresh("sim-18");
        Instant since = Instant.now();
        List<JsonObject> licenses = new ArrayList<>(console.licenses());
        licenses.set(0, licenses.get(0).copy().put("companyName", "Findable Oy").put("status", "Expired"));
        licenses.set(1, licenses.get(1).copy().put("status", "Expired"));
        console.serve(licenses);
        refresh("sim-18");

        JsonArray statuses = new JsonObject(given().get("/api/v1/changes?console=sim-18&kind=status&since=" + since)
                .then().statusCode(200).extract().asString()).getJsonArray("data");
        assertThat(statuses.stream().map(c -> ((JsonObject) c).getString("kind"))).containsOnly("status");
        JsonArray findable = new JsonObject(given().get("/api/v1/changes?console=sim-18&company=FINDABLE&since=" + since)
                .then().statusCode(200).extract().asString()).getJsonArray("data");
        assertThat(findable.stream().map(c -> ((JsonObject) c).getString("id"))).containsOnly(licenses.get(0).getString("id"));
        assertThat(findable.stream().map(c -> ((JsonObject) c).getString("kind"))).contains("other");

        given().get("/api/v1/changes?kind=renamed").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("kind"));
        given().get("/api/v1/changes?since=soon").then().statusCode(400).body("errors[0].parameter", equalTo("since"));
        given().get("/api/v1/changes?since=" + Instant.now().plusSeconds(600)).then().statusCode(400)
                .body("errors[0].parameter", equalTo("since"));
        given().get("/api/v1/changes?cursor=forged").then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }
}
