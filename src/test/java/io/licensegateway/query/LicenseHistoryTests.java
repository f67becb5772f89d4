package io.licensegateway.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.licensegateway.simulator.SimulatedConsole;
import io.licensegateway.snapshot.HistoryPruner;
import io.licensegateway.support.HistoryProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * Time travel over real refreshes of simulated consoles whose data the test edits: one license's history with the
 * fields each version changed, summaries as of earlier instants, and pruning at the retention edge.
 */
@QuarkusTest
@TestProfile(HistoryProfile.class)
class LicenseHistoryTests extends SimulatorTestBase {

    @Inject
    HistoryPruner pruner;

    /** Serves the console's licenses after {@code edit}, stores them and returns the new snapshot's id. */
    private long editAndRefresh(SimulatedConsole console, Consumer<List<JsonObject>> edit) {
        List<JsonObject> licenses = new ArrayList<>(console.licenses());
        edit.accept(licenses);
        console.serve(licenses);
        return refresh(console.name());
    }

    /** Stores what the console serves; the id of its snapshot afterwards. */
    private long refresh(String console) {
        JsonObject outcome = new JsonObject(given().queryParam("console", console).post("/api/v1/refresh").then()
                .statusCode(200).extract().asString()).getJsonArray("consoles").getJsonObject(0);
        assertThat(outcome.getString("outcome")).as("refresh of %s", console).isEqualTo("UPDATED");
        return outcome.getLong("snapshotId");
    }

    private OffsetDateTime validFrom(long snapshot) {
        return database.rows("select valid_from from snapshot where id = $1", snapshot).get(0).getOffsetDateTime(0);
    }

    private static JsonObject get(String path) {
        return new JsonObject(given().get(path).then().statusCode(200).extract().asString());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static JsonObject withStatus(JsonObject license, String... avoid) {
        String status = List.of(avoid).contains("Warning") ? "Expired" : "Warning";
        return license.copy().put("status", status);
    }

    @Test
    void historyListsEveryKeptVersionOldestFirstWithWhatChanged() {
        SimulatedConsole console = simulator.console("sim-11");
        JsonObject original = console.licenses().get(3);
        String id = original.getString("id");
        String one = "/api/v1/licenses/sim-11/" + id;

        List<Long> snapshots = new ArrayList<>();
        List<JsonObject> served = new ArrayList<>();
        snapshots.add(refresh("sim-11"));
        served.add(get(one));
        // 2: the status moves
        snapshots.add(editAndRefresh(console, l -> l.set(3, withStatus(l.get(3), original.getString("status")))));
        served.add(get(one));
        // 3: usage and company
        snapshots.add(editAndRefresh(console, l -> l.set(3, l.get(3).copy().put("companyName", "Renamed GmbH")
                .put("usedCloudconnectBackups", l.get(3).getInteger("usedCloudconnectBackups") + 7))));
        served.add(get(one));
        // another license changes: this one keeps its version
        editAndRefresh(console, l -> l.set(0, l.get(0).copy().put("companyName", "Someone else")));
        // gone from a complete fetch, then back as it first was
        long removal = editAndRefresh(console, l -> l.remove(3));
        snapshots.add(editAndRefresh(console, l -> l.add(original)));
        served.add(get(one));

        JsonArray versions = get(one + "/history").getJsonArray("data");
        assertThat(versions).hasSize(4);
        List<List<String>> changed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonObject version = versions.getJsonObject(i);
            assertThat(OffsetDateTime.parse(version.getString("validFrom"))).as("version %d", i)
                    .isEqualTo(validFrom(snapshots.get(i)));
            // the license exactly as GET /api/v1/licenses/{console}/{id} served it then
            assertThat(version.getJsonObject("license")).as("version %d", i).isEqualTo(served.get(i));
            changed.add(version.getJsonArray("changed").stream().map(String::valueOf).toList());
        }
        assertThat(changed).containsExactly(List.of(), List.of("status"),
                List.of("companyName", "usedCloudconnectBackups"),
                List.of("companyName", "status", "usedCloudconnectBackups"));
        // each ends when the next began, except the one removed (it ends at the removal) and the current one
        assertThat(OffsetDateTime.parse(versions.getJsonObject(0).getString("validTo"))).isEqualTo(validFrom(snapshots.get(1)));
        assertThat(OffsetDateTime.parse(versions.getJsonObject(2).getString("validTo"))).isEqualTo(validFrom(removal));
        assertThat(versions.getJsonObject(3).getValue("validTo")).isNull();

        // paged one by one while a refresh lands: the walk reads the versions kept when it began
        JsonObject page = get(one + "/history?limit=1");
        List<Object> walked = new ArrayList<>(page.getJsonArray("data").getList());
        editAndRefresh(console, l -> l.set(l.size() - 1, l.get(l.size() - 1).copy().put("usedCloudconnectBackups", 0)));
        while (page.getJsonObject("meta").getString("nextCursor") != null) {
            page = new JsonObject(given().queryParam("cursor", page.getJsonObject("meta").getString("nextCursor"))
                    .get(one + "/history?limit=1").then().statusCode(200).extract().asString());
            walked.addAll(page.getJsonArray("data").getList());
        }
        assertThat(new JsonArray(walked)).isEqualTo(versions);
        assertThat(get(one + "/history").getJsonArray("data")).as("the refresh landed").hasSize(5);

        given().get("/api/v1/licenses/sim-11/no-such-id/history").then().statusCode(404)
                .contentType("application/problem+json");
        given().get(one + "/history?limit=0").then().statusCode(400).body("errors[0].parameter", equalTo("limit"));
        given().get(one + "/history?cursor=forged").then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }

    /** The summary variants compared: the per-console rows' path and the aggregate's. */
    private static final List<String> SUMMARIES = List.of("", "groupBy=edition", "groupBy=status&console=sim-12",
            "groupBy=console", "status=Valid&groupBy=company", "company=a&groupBy=licenseType");

    @Test
    void aSummaryAsOfAnEarlierInstantIsWhatWasServedThen() {
        SimulatedConsole first = simulator.console("sim-12");
        SimulatedConsole second = simulator.console("sim-13");
        List<Instant> moments = new ArrayList<>();
        List<Map<String, JsonObject>> servedThen = new ArrayList<>();
        Runnable capture = () -> {
            moments.add(now());
            Map<String, JsonObject> summaries = new LinkedHashMap<>();
            SUMMARIES.forEach(query -> summaries.put(query, get(summary(query))));
            servedThen.add(summaries);
        };
        refresh("sim-12");
        refresh("sim-13");
        capture.run();
        editAndRefresh(first, l -> {
            l.set(0, withStatus(l.get(0), l.get(0).getString("status")).put("usedCloudconnectBackups", 1));
            l.set(1, l.get(1).copy().put("edition", "Standard").put("companyName", "Another AG"));
            l.remove(2);
            l.add(l.get(3).copy().put("id", "added-later").put("status", "Valid"));
        });
        capture.run();
        second.reseed(99);
        refresh("sim-13");
        capture.run();

        for (int i = 0; i < moments.size(); i++) {
            for (String query : SUMMARIES) {
                JsonObject asOf = get(summary(query) + (query.isEmpty() ? "?" : "&") + "asOf=" + moments.get(i));
                JsonObject then = servedThen.get(i).get(query);
                assertThat(asOf.getJsonArray("groups")).as("%s as of moment %d", query, i)
                        .isEqualTo(then.getJsonArray("groups"));
                assertThat(snapshotIds(asOf)).as("%s as of moment %d", query, i).isEqualTo(snapshotIds(then));
                assertThat(Instant.parse(asOf.getString("asOf"))).isEqualTo(moments.get(i));
            }
        }
        assertThat(servedThen.get(0).get("")).as("the edits changed the totals").isNotEqualTo(servedThen.get(2).get(""));
        given().get("/api/v1/licenses/summary?asOf=" + Instant.now().plusSeconds(60)).then().statusCode(400)
                .body("errors[0].parameter", equalTo("asOf"));
    }

    private static String summary(String query) {
        return "/api/v1/licenses/summary" + (query.isEmpty() ? "" : "?" + query);
    }

    private static Map<String, Object> snapshotIds(JsonObject summary) {
        Map<String, Object> ids = new LinkedHashMap<>();
        summary.getJsonArray("consoles").forEach(c -> ids.put(((JsonObject) c).getString("name"),
                ((JsonObject) c).getValue("snapshotId")));
        return ids;
    }

    @Test
    void pruningToTheRetentionEdgeKeepsTheViewAtTheEdgeWhole() {
        SimulatedConsole console = simulator.console("sim-14");
        String edited = console.licenses().get(5).getString("id");
        String removed = console.licenses().get(6).getString("id");
        long first = refresh("sim-14");
        long atEdge = editAndRefresh(console, l -> {
            l.set(5, withStatus(l.get(5), l.get(5).getString("status")));
            l.remove(6);
        });
        String query = "/api/v1/licenses?console=sim-14&limit=1000&sort=id";
        JsonObject servedAtEdge = get(query);
        JsonObject summaryAtEdge = get("/api/v1/licenses/summary?console=sim-14&groupBy=status");
        Instant edge = now();
        editAndRefresh(console, l -> l.set(5, l.get(5).copy().put("usedCloudconnectBackups", 3)));
        long rawBefore = database.count("select count(*) from license_raw where console = 'sim-14'");

        // one row per batch: the closed versions that ended before the edge go in several statements
        long deleted = pruner.pruneBefore(OffsetDateTime.parse(edge.toString()), 1, 100).await()
                .atMost(Duration.ofSeconds(10));

        // the first snapshot's versions of the edited and the removed license ended before the edge
        assertThat(deleted).isEqualTo(2);
        assertThat(database.count("select count(*) from license_raw where console = 'sim-14'")).isEqualTo(rawBefore - 2);
        assertThat(database.count("select count(*) from snapshot where id = $1", first)).isZero();
        assertThat(database.count("select count(*) from snapshot where id = $1", atEdge)).isOne();
        // the version valid at the edge began before it, and stays
        assertThat(database.count("select count(*) from license_history where console = 'sim-14' and id = $1 "
                + "and valid_from < $2", edited, OffsetDateTime.parse(edge.toString()))).isOne();

        JsonObject asOfEdge = get(query + "&asOf=" + edge);
        assertThat(asOfEdge.getJsonArray("data")).isEqualTo(servedAtEdge.getJsonArray("data"));
        assertThat(snapshotIds(asOfEdge.getJsonObject("meta"))).containsEntry("sim-14", (int) atEdge);
        assertThat(get("/api/v1/licenses/summary?console=sim-14&groupBy=status&asOf=" + edge).getJsonArray("groups"))
                .isEqualTo(summaryAtEdge.getJsonArray("groups"));
        JsonArray history = get("/api/v1/licenses/sim-14/" + edited + "/history").getJsonArray("data");
        assertThat(history).hasSize(2);
        assertThat(OffsetDateTime.parse(history.getJsonObject(0).getString("validFrom"))).isEqualTo(validFrom(atEdge));
        given().get("/api/v1/licenses/sim-14/" + removed + "/history").then().statusCode(404);

        // before the edge: gone, for the list, the summary and the change feed
        Instant before = edge.minusMillis(1);
        for (String path : List.of(query + "&asOf=" + before, "/api/v1/licenses/summary?console=sim-14&asOf=" + before,
                "/api/v1/changes?console=sim-14&since=" + before)) {
            given().get(path).then().statusCode(410).contentType("application/problem+json")
                    .body("title", equalTo("History pruned")).body("detail", containsString("gateway.history.retention"));
        }
        // the feed from the edge on starts with the change after it
        JsonArray changes = get("/api/v1/changes?console=sim-14&since=" + edge).getJsonArray("data");
        assertThat(changes).hasSize(1);
        assertThat(changes.getJsonObject(0).getString("kind")).isEqualTo("usage");
    }
}
