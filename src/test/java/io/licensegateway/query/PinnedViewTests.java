package io.licensegateway.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.licensegateway.simulator.SimulatedConsole;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Reads pinned to a point in time over real refreshes: cursor walks while refreshes edit, remove and add licenses,
 * {@code asOf} between refreshes, and the 410 once the history a read needs was pruned.
 */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class PinnedViewTests extends SimulatorTestBase {

    /** SimulatedConsolesProfile's gateway.snapshots.keep */
    private static final int KEEP = 5;

    /** The console's outcome: UPDATED or UNCHANGED. */
    private static String refresh(String console) {
        String outcome = new JsonObject(given().queryParam("console", console).post("/api/v1/refresh").then()
                .statusCode(200).extract().asString()).getJsonArray("consoles").getJsonObject(0).getString("outcome");
        assertThat(outcome).as("refresh of %s", console).isIn("UPDATED", "UNCHANGED");
        return outcome;
    }

    /** Serves the console's licenses after {@code edit} and stores them. */
    private static void editAndRefresh(SimulatedConsole console, Consumer<List<JsonObject>> edit) {
        List<JsonObject> licenses = new ArrayList<>(console.licenses());
        edit.accept(licenses);
        console.serve(licenses);
        assertThat(refresh(console.name())).isEqualTo("UPDATED");
    }

    /** A page, parsed as plain JSON: RestAssured's Groovy paths would cost more than the requests. */
    private static JsonObject page(String query) {
        return new JsonObject(given().get("/api/v1/licenses?" + query).then().statusCode(200).extract().asString());
    }

    private static List<Map<String, Object>> data(JsonObject page) {
        return page.getJsonArray("data").stream().map(l -> ((JsonObject) l).getMap()).toList();
    }

    private static String nextCursor(JsonObject page) {
        return page.getJsonObject("meta").getString("nextCursor");
    }

    /** The time a refresh is over and the next has not begun: its view is settled. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A copy of the license at {@code index} changed so that it sorts first under both orders the walk uses. */
    private static void sortFirst(List<JsonObject> licenses, int index) {
        licenses.set(index, licenses.get(index).copy().put("usedCloudconnectBackups", 1_000_000)
                .put("companyName", "!First"));
    }

    /** ... and one that sorts last ('~' comes after letters in byte order). */
    private static void sortLast(List<JsonObject> licenses, int index) {
        licenses.set(index, licenses.get(index).copy().put("usedCloudconnectBackups", 0).put("companyName", "~Last"));
    }

    private static JsonObject newLicense(JsonObject template, String companyName) {
        return template.copy().put("id", UUID.randomUUID().toString()).put("companyName", companyName);
    }

    private static Set<String> ids(List<Map<String, Object>> rows) {
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.get("console") + "/" + r.get("id")));
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = { "-usedCloudconnectBackups,companyName", "companyName" })
    void aCursorWalkReadsTheViewOfItsFirstPageWhileRefreshesEditRemoveAndAddLicenses(String sort) {
        List<SimulatedConsole> consoles = List.of(simulator.console("sim-01"), simulator.console("sim-02"),
                simulator.console("sim-03"));
        consoles.forEach(c -> refresh(c.name()));
        Long pinnedSnapshot = database.currentSnapshot("sim-01");
        String query = "console=sim-01,sim-02,sim-03&sort=" + sort;
        List<Map<String, Object>> before = data(page(query + "&limit=1000"));
        assertThat(before).hasSize(75);

        JsonObject first = page(query + "&limit=7");
        List<Map<String, Object>> walked = new ArrayList<>(data(first));
        String cursor = nextCursor(first);
        String secondPage = cursor;
        int pages = 1;
        while (cursor != null) {
            // Between pages, each console's refresh moves licenses across the walk's position: one not yet served to
            // the front (a walk over the new data would skip it), one already served to the end (it would come
            // twice); it also removes one not yet served (it must still come) and adds one (it must not).
            SimulatedConsole console = consoles.get(pages % consoles.size());
            Set<String> served = ids(walked);
            List<Integer> unseen = new ArrayList<>();
            List<Integer> seen = new ArrayList<>();
            List<JsonObject> licenses = console.licenses();
            for (int i = 0; i < licenses.size(); i++) {
                (served.contains(console.name() + "/" + licenses.get(i).getString("id")) ? seen : unseen).add(i);
            }
            editAndRefresh(console, edited -> {
                if (unseen.size() >= 2) {
                    sortFirst(edited, unseen.get(0));
                }
                if (!seen.isEmpty()) {
                    sortLast(edited, seen.get(0));
                }
                edited.add(newLicense(edited.get(0), "!Added"));
                edited.add(newLicense(edited.get(0), "~Added"));
                if (unseen.size() >= 2) {
                    edited.remove((int) unseen.get(1));
                }
            });

            JsonObject next = new JsonObject(given().queryParam("cursor", cursor)
                    .get("/api/v1/licenses?" + query + "&limit=7").then().statusCode(200).extract().asString());
            // the total of the pinned view, not of the current one
            assertThat(next.getJsonObject("meta").getInteger("total")).isEqualTo(75);
            assertThat(next.getJsonObject("meta").getString("totalRelation")).isEqualTo("eq");
            walked.addAll(data(next));
            cursor = nextCursor(next);
            pages++;
        }

        assertThat(pages).isEqualTo(11);
        // every field of every row, in the same order: the view of the first page's time, neither skipped nor repeated
        assertThat(walked).isEqualTo(before);
        assertThat(ids(data(page(query + "&limit=1000")))).as("the refreshes landed").isNotEqualTo(ids(before));

        // Once the snapshot that was current at the pinned time is pruned, the walk cannot go on.
        SimulatedConsole sim01 = simulator.console("sim-01");
        for (int i = 0; i < KEEP && database.count("select count(*) from snapshot where id = $1", pinnedSnapshot) > 0; i++) {
            sim01.reseed(100 + i);
            refresh("sim-01");
        }
        assertThat(database.count("select count(*) from snapshot where id = $1", pinnedSnapshot)).isZero();
        given().queryParam("cursor", secondPage).get("/api/v1/licenses?" + query + "&limit=7").then().statusCode(410)
                .contentType("application/problem+json")
                .body("status", equalTo(410))
                .body("detail", containsString("start again"));
    }

    @Test
    void readsTheViewAsOfInstantsBetweenRefreshes() {
        SimulatedConsole console = simulator.console("sim-05");
        Instant beforeAnyFetch = now();
        refresh("sim-05");
        List<JsonObject> first = console.licenses();
        Instant afterFirst = now();
        editAndRefresh(console, licenses -> {
            licenses.set(0, licenses.get(0).copy().put("companyName", "Renamed").put("status", "Expired"));
            licenses.remove(1);
            licenses.add(newLicense(licenses.get(2), "Newcomer"));
        });
        List<JsonObject> second = console.licenses();
        Instant afterSecond = now();
        console.reseed(42);
        refresh("sim-05");
        List<JsonObject> third = console.licenses();
        Instant afterThird = now();

        assertAsOf(afterFirst, first);
        assertAsOf(afterSecond, second);
        assertAsOf(afterThird, third);
        // before its first fetch the console had nothing stored
        given().get("/api/v1/licenses?console=sim-05&asOf=" + beforeAnyFetch).then().statusCode(200)
                .body("meta.total", equalTo(0));
        // a date-time without an offset is UTC; this one is between the first two refreshes
        String local = afterFirst.toString().replace("Z", "");
        assertThat(data(page("console=sim-05&limit=1000&asOf=" + local))).extracting(r -> r.get("id"))
                .containsExactlyInAnyOrderElementsOf(first.stream().map(l -> l.getString("id")).toList());
    }

    /** The view at {@code at} holds exactly {@code served}, with its fields as they were then; meta.asOf echoes it. */
    private void assertAsOf(Instant at, List<JsonObject> served) {
        JsonObject page = page("console=sim-05&limit=1000&sort=id&asOf=" + at);
        assertThat(Instant.parse(page.getJsonObject("meta").getString("asOf"))).isEqualTo(at);
        List<Map<String, Object>> rows = data(page);
        List<JsonObject> expected = served.stream().sorted(java.util.Comparator.comparing(l -> l.getString("id"))).toList();
        assertThat(rows).as("as of %s", at).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            JsonObject license = expected.get(i);
            assertThat(row).as("as of %s", at).containsEntry("id", license.getString("id"))
                    .containsEntry("companyName", license.getString("companyName"))
                    .containsEntry("status", license.getString("status"))
                    .containsEntry("usedCloudconnectBackups", license.getInteger("usedCloudconnectBackups"));
        }
    }

    @Test
    void refusesAnAsOfInTheFutureOrBeforeTheKeptHistory() {
        given().get("/api/v1/licenses?asOf=" + Instant.now().plusSeconds(3600)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].parameter", equalTo("asOf"))
                .body("detail", containsString("future"));
        given().get("/api/v1/licenses?asOf=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].parameter", equalTo("asOf"));

        SimulatedConsole console = simulator.console("sim-06");
        refresh("sim-06");
        Instant firstView = now();
        for (int seed = 1; seed <= KEEP; seed++) {
            console.reseed(seed);
            refresh("sim-06");
        }
        // six snapshots, five kept: the first one's time is gone
        OffsetDateTime historyFrom = database.rows("select history_from from console_state where console = 'sim-06'")
                .get(0).getOffsetDateTime(0);
        assertThat(historyFrom.toInstant()).isAfter(firstView);

        given().get("/api/v1/licenses?console=sim-06&asOf=" + firstView).then().statusCode(410)
                .contentType("application/problem+json").body("status", equalTo(410))
                .body("title", equalTo("History pruned"));
        given().accept("text/csv").get("/api/v1/licenses?console=sim-06&asOf=" + firstView).then().statusCode(410)
                .contentType("application/problem+json");
        // the oldest kept snapshot is still readable
        page("console=sim-06&asOf=" + historyFrom.toInstant());
    }

    @Test
    void anAsOfForOneConsoleDoesNotDependOnHowFarAnotherConsolesHistoryReaches() {
        refresh("sim-07");
        List<JsonObject> served = simulator.console("sim-07").licenses();
        Instant early = now();
        // sim-08's history is pruned beyond that time; sim-07's still reaches it
        SimulatedConsole other = simulator.console("sim-08");
        for (int seed = 1; seed <= KEEP + 1; seed++) {
            other.reseed(seed);
            refresh("sim-08");
        }

        assertThat(data(page("console=sim-07&limit=1000&asOf=" + early))).extracting(r -> r.get("id"))
                .containsExactlyInAnyOrderElementsOf(served.stream().map(l -> l.getString("id")).toList());
        // without a console filter the view at that time would lack sim-08's licenses: gone
        given().get("/api/v1/licenses?asOf=" + early).then().statusCode(410);
    }

    @Test
    void streamsAnOldViewAsCsv() {
        SimulatedConsole console = simulator.console("sim-09");
        refresh("sim-09");
        List<JsonObject> first = console.licenses();
        Instant then = now();
        editAndRefresh(console, licenses -> {
            licenses.set(0, licenses.get(0).copy().put("companyName", "Renamed"));
            licenses.remove(1);
        });

        String csv = given().accept("text/csv").get("/api/v1/licenses?console=sim-09&fields=companyName&sort=id&asOf="
                + then).then().statusCode(200).contentType("text/csv").extract().asString();

        StringBuilder expected = new StringBuilder("console,id,companyName\r\n");
        first.stream().sorted(java.util.Comparator.comparing(l -> l.getString("id"))).forEach(l -> expected
                .append("sim-09,").append(l.getString("id")).append(',').append(l.getString("companyName")).append("\r\n"));
        assertThat(csv).isEqualTo(expected.toString());
        assertThat(given().accept("text/csv").get("/api/v1/licenses?console=sim-09&fields=companyName").asString())
                .as("the current view has the edit").contains("Renamed").doesNotContain(first.get(1).getString("id"));
    }
}
