package io.licensegateway.fetch;

import static io.licensegateway.fetch.RefreshTests.outcomeOf;
import static io.licensegateway.fetch.RefreshTests.refresh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.licensegateway.console.ApiFlavour;
import io.licensegateway.simulator.SimulatedConsole;
import io.licensegateway.support.MixedFleetProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The version store against a model: random rounds of edits, additions, removals and failing fetches over a v2 and
 * two v3 consoles, each round checked against what the consoles served. A failing seed is printed in every
 * assertion; replay it with {@code -Dstore-history.seed=…} (and {@code -Dstore-history.rounds=…}).
 */
@QuarkusTest
@TestProfile(MixedFleetProfile.class)
class StoreHistoryTests extends SimulatorTestBase {

    private static final long SEED = Long.getLong("store-history.seed", 20261202L);
    private static final int ROUNDS = Integer.getInteger("store-history.rounds", 25);
    /** SimulatedConsolesProfile's gateway.snapshots.keep */
    private static final int KEEP = 5;
    /** Page 2 must exist for a failure there to be a partial fetch (the profile pages by 10). */
    private static final int MIN_LICENSES = 12;
    private static final int MAX_LICENSES = 40;
    private static final String[] STATUSES = { "Valid", "Warning", "Error", "Expired" };

    private Random random;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    /** Per round: the time after its refresh, and what each console had stored completely by then. */
    private final List<Moment> moments = new ArrayList<>();

    @Test
    void everyRoundServesWhatTheConsolesLastServedCompletelyAndKeepsEveryKeptSnapshotReadable() {
        random = new Random(SEED);
        for (String name : List.of("sim-01", "v3p-01", "v3k-01")) {
            tracked.put(name, new Tracked(simulator.console(name)));
        }

        // the first fetches of a cold gateway can exceed this profile's one-second request timeout
        tracked.keySet().forEach(RefreshTests::refresh);
        database.clear();

        for (int round = 0; round <= ROUNDS; round++) {
            for (Tracked console : tracked.values()) {
                // round 0 stores every console's generated licenses as they are
                Plan plan = round == 0 ? console.plan(new Random(0), 0, true) : console.plan(random, round, false);
                boolean wrote = console.check(round, plan, outcomeOf(refresh(console.name()), console.name()));
                console.clearFailures();
                if (wrote || round == ROUNDS) {
                    // only a write changes or prunes the console's history
                    console.checkKeptSnapshots(round);
                }
            }
            CircuitBreakerMaintenance.get().resetAll();
            moments.add(new Moment(Instant.now().truncatedTo(ChronoUnit.MICROS), storedByConsole()));
            for (Tracked console : tracked.values()) {
                console.checkCurrentView(round);
            }
            checkStoreInvariants(round);
        }

        checkEveryRoundsTimeAcrossConsoles();
    }

    /** "seed …, round …" for assertion messages, so a failure can be replayed. */
    private static String at(int round, String console) {
        return "seed " + SEED + ", round " + round + ", console " + console;
    }

    private Map<String, List<JsonObject>> storedByConsole() {
        Map<String, List<JsonObject>> stored = new HashMap<>();
        tracked.values().forEach(t -> stored.put(t.name(), t.stored));
        return stored;
    }

    /**
     * Every version has its raw item and every raw item a version; closed versions end after they begin; pruning
     * left nothing that no kept snapshot can show.
     */
    private void checkStoreInvariants(int round) {
        Row counts = database.rows("""
                select (select count(*) from (select console, id, valid_from from license_current
                                              union all select console, id, valid_from from license_history) v
                        where not exists (select 1 from license_raw r
                                          where r.console = v.console and r.id = v.id and r.valid_from = v.valid_from)),
                       (select count(*) from license_raw r
                        where not exists (select 1 from license_current c
                                          where c.console = r.console and c.id = r.id and c.valid_from = r.valid_from)
                          and not exists (select 1 from license_history h
                                          where h.console = r.console and h.id = r.id and h.valid_from = r.valid_from)),
                       (select count(*) from license_history where valid_to <= valid_from),
                       (select count(*) from license_history h join console_state c on c.console = h.console
                        where h.valid_to <= c.history_from),
                       (select count(*) from license_current where digest is null)""").get(0);
        String why = "seed " + SEED + ", round " + round;
        assertThat(counts.getLong(0)).as(why + ": versions without their raw item").isZero();
        assertThat(counts.getLong(1)).as(why + ": raw items without a version").isZero();
        assertThat(counts.getLong(2)).as(why + ": closed versions that never were valid").isZero();
        assertThat(counts.getLong(3)).as(why + ": closed versions no kept snapshot can show").isZero();
        assertThat(counts.getLong(4)).as(why + ": versions written by this gateway carry their digest").isZero();
    }

    /**
     * The view as of each round's end, over all three consoles at once: what each had stored by then, or 410 once
     * any console's kept history begins after that time.
     */
    private void checkEveryRoundsTimeAcrossConsoles() {
        OffsetDateTime historyFrom = database.rows("select max(history_from) from console_state").get(0)
                .getOffsetDateTime(0);
        assertThat(historyFrom).as("seed %d: %d rounds prune history", SEED, ROUNDS).isNotNull();
        for (int round = 0; round < moments.size(); round++) {
            Moment moment = moments.get(round);
            var response = given().queryParam("asOf", moment.at().toString())
                    .queryParam("console", String.join(",", tracked.keySet())).queryParam("limit", 1000)
                    .get("/api/v1/licenses");
            if (moment.at().isBefore(historyFrom.toInstant())) {
                response.then().statusCode(410).contentType("application/problem+json");
                continue;
            }
            List<Map<String, Object>> expected = new ArrayList<>();
            tracked.values().forEach(t -> expected.addAll(expectedRows(t.name(), t.v3, moment.stored().get(t.name()))));
            assertThat(servedRows(new JsonObject(response.then().statusCode(200).extract().asString())))
                    .as(at(round, "all") + ", as of the round's end").isEqualTo(sorted(expected));
        }
    }

    /** One console under test: what it served and what the gateway stored from it. */
    private final class Tracked {

        final SimulatedConsole console;
        final boolean v3;
        /** What the console last served completely, in its VAC v2 shape. */
        List<JsonObject> stored = List.of();
        /** The stored items' fingerprints by id: equal fingerprints, equal stored version. */
        Map<String, String> storedFingerprints = Map.of();
        Long snapshot;
        OffsetDateTime stamp;
        int snapshots;
        /** What the console served for each snapshot it created. */
        final Map<Long, List<JsonObject>> bySnapshot = new HashMap<>();

        Tracked(SimulatedConsole console) {
            this.console = console;
            this.v3 = console.api() == ApiFlavour.V3;
        }

        String name() {
            return console.name();
        }

        /** Edits what the console serves this round and maybe makes it fail. */
        Plan plan(Random random, int round, boolean asGenerated) {
            List<JsonObject> licenses = new ArrayList<>(console.licenses());
            int changes = 0;
            int additions = 0;
            int removals = 0;
            Failure failure = Failure.NONE;
            if (!asGenerated) {
                // about a third of the consoles serve the same licenses again
                changes = random.nextInt(3) == 0 ? 0 : random.nextInt(4);
                additions = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
                removals = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
                int failing = random.nextInt(100);
                failure = failing < 8 ? Failure.EVERY_REQUEST : failing < 16 ? Failure.SECOND_PAGE : Failure.NONE;
            }
            for (int i = 0; i < changes; i++) {
                int index = random.nextInt(licenses.size());
                licenses.set(index, edit(licenses.get(index), random, round));
            }
            for (int i = 0; i < additions && licenses.size() < MAX_LICENSES; i++) {
                JsonObject added = licenses.get(random.nextInt(licenses.size())).copy()
                        .put("id", new UUID(random.nextLong(), random.nextLong()).toString())
                        .put("companyName", "Added in round " + round + " #" + i);
                licenses.add(random.nextInt(licenses.size() + 1), added);
            }
            for (int i = 0; i < removals && licenses.size() > MIN_LICENSES; i++) {
                licenses.remove(random.nextInt(licenses.size()));
            }
            console.serve(licenses);
            switch (failure) {
                // more failures than the retries allow
                case EVERY_REQUEST -> console.failNext(1000, 500);
                case SECOND_PAGE -> console.failOnPage(2, 1000);
                case NONE -> {
                }
            }
            return new Plan(changes, additions, removals, failure, List.copyOf(licenses), fingerprints());
        }

        /** Failure switches last until cleared (a failed round may also open the breaker: the caller resets it). */
        void clearFailures() {
            console.failNext(0, 500).failOnPage(2, 0);
        }

        /**
         * The refresh's outcome for this console, and exactly the rows its write should have touched; true when it
         * wrote a new snapshot.
         */
        boolean check(int round, Plan plan, Map<String, Object> outcome) {
            String why = at(round, name()) + ", " + plan + ", outcome " + outcome;
            // On a loaded machine a healthy console can miss this profile's short deadline: that is a failed fetch
            // like any other, and the store must treat it so.
            boolean slow = "FAILED".equals(outcome.get("outcome"))
                    && List.of("TIMEOUT", "DEADLINE").contains(outcome.get("errorKind"));
            if (plan.failure() != Failure.NONE || slow) {
                // the breaker may open before the last retry
                assertThat(outcome.get("outcome")).as(why).isIn("FAILED", "CIRCUIT_OPEN");
                assertNothingWrittenSince(why);
                return false;
            }
            Set<String> opened = new HashSet<>();
            plan.fingerprints().forEach((id, print) -> {
                if (!print.equals(storedFingerprints.get(id))) {
                    opened.add(id);
                }
            });
            Set<String> closed = new HashSet<>();
            storedFingerprints.forEach((id, print) -> {
                if (!print.equals(plan.fingerprints().get(id))) {
                    closed.add(id);
                }
            });
            if (opened.isEmpty() && closed.isEmpty()) {
                assertThat(outcome.get("outcome")).as(why).isEqualTo("UNCHANGED");
                assertThat(((Number) outcome.get("snapshotId")).longValue()).as(why).isEqualTo(snapshot);
                assertNothingWrittenSince(why);
                return false;
            }
            assertThat(outcome.get("outcome")).as(why).isEqualTo("UPDATED");
            long created = ((Number) outcome.get("snapshotId")).longValue();
            Row written = database.rows("""
                    select s.valid_from, s.license_count,
                           (select current_snapshot_id from console_state where console = $1),
                           (select count(*) from license_current where console = $1 and valid_from = s.valid_from),
                           (select count(*) from license_raw where console = $1 and valid_from = s.valid_from),
                           (select count(*) from license_history where console = $1 and valid_to = s.valid_from),
                           (select count(*) from license_current where console = $1)
                    from snapshot s where s.id = $2""", name(), created).get(0);
            assertThat(written.getLong(2)).as(why + ": current snapshot").isEqualTo(created);
            assertThat(written.getLong(1)).as(why + ": license count").isEqualTo(plan.served().size());
            // Incremental: one new version (and one raw item) per new or changed license, one closed version per
            // changed or removed one; unchanged licenses keep theirs.
            assertThat(written.getLong(3)).as(why + ": new versions").isEqualTo(opened.size());
            assertThat(written.getLong(4)).as(why + ": new raw items").isEqualTo(opened.size());
            assertThat(written.getLong(5)).as(why + ": closed versions").isEqualTo(closed.size());
            assertThat(written.getLong(6)).as(why + ": current versions").isEqualTo(plan.served().size());
            OffsetDateTime createdFrom = written.getOffsetDateTime(0);

            snapshot = created;
            stamp = createdFrom;
            snapshots++;
            stored = plan.served();
            storedFingerprints = plan.fingerprints();
            bySnapshot.put(created, stored);
            return true;
        }

        /** The current snapshot stays; no version opened or closed, no snapshot made after it. */
        private void assertNothingWrittenSince(String why) {
            Row state = database.rows("""
                    select (select current_snapshot_id from console_state where console = $1),
                           (select count(*) from snapshot where console = $1),
                           (select count(*) from license_current where console = $1
                                                                   and ($2::timestamptz is null or valid_from > $2)),
                           (select count(*) from license_history where console = $1 and valid_to > $2),
                           (select count(*) from snapshot where console = $1 and valid_from > $2)""", name(), stamp)
                    .get(0);
            assertThat(state.getLong(0)).as(why + ": current snapshot").isEqualTo(snapshot);
            assertThat(state.getLong(1)).as(why + ": kept snapshots").isEqualTo(Math.min(snapshots, KEEP));
            assertThat(state.getLong(2)).as(why + ": versions opened").isZero();
            assertThat(state.getLong(3)).as(why + ": versions closed").isZero();
            assertThat(state.getLong(4)).as(why + ": snapshots made").isZero();
        }

        /** The merged view now: exactly what the console last served completely. */
        void checkCurrentView(int round) {
            JsonObject page = licenses(Map.of("console", name()));
            assertThat(servedRows(page)).as(at(round, name()) + ", current view")
                    .isEqualTo(sorted(expectedRows(name(), v3, stored)));
            assertThat(snapshotOf(page, name())).as(at(round, name()))
                    .isEqualTo(snapshot);
        }

        /** Each kept snapshot, read as of the time it became current, is what the console served for it. */
        void checkKeptSnapshots(int round) {
            List<Row> kept = database.rows("select id, valid_from from snapshot where console = $1 order by valid_from",
                    name());
            assertThat(kept).as(at(round, name()) + ", kept snapshots").hasSize(Math.min(snapshots, KEEP));
            for (Row row : kept) {
                long id = row.getLong(0);
                Instant from = row.getOffsetDateTime(1).toInstant();
                String why = at(round, name()) + ", snapshot " + id + " as of " + from;
                assertThat(bySnapshot).as(why).containsKey(id);
                JsonObject page = licenses(Map.of("console", name(), "asOf", from.toString()));
                assertThat(servedRows(page)).as(why).isEqualTo(sorted(expectedRows(name(), v3, bySnapshot.get(id))));
                assertThat(Instant.parse(page.getJsonObject("meta").getString("asOf"))).as(why).isEqualTo(from);
                assertThat(snapshotOf(page, name())).as(why)
                        .isEqualTo(id);
                // the snapshot's properties on each license are those of the snapshot in the view
                assertThat(page.getJsonArray("data").stream().map(l -> ((JsonObject) l).getLong("snapshotId")))
                        .as(why).containsOnly(id);
            }
        }

        /**
         * What the gateway receives for each license, by id: the v2 item, or the v3 site license plus the site's
         * name (v3 shows fewer fields, so some edits change nothing there).
         */
        private Map<String, String> fingerprints() {
            List<JsonObject> items = console.licenses();
            List<JsonObject> sites = v3 ? console.siteLicenses() : null;
            Map<String, String> prints = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                JsonObject item = items.get(i);
                prints.put(item.getString("id"), v3 ? sites.get(i).encode() + "\u0000" + item.getString("backupServerName")
                        : item.encode());
            }
            return prints;
        }
    }

    /** One field of a copy changed; some of them (companyName, usedCloudconnectBackups) only v2 shows. */
    private static JsonObject edit(JsonObject license, Random random, int round) {
        JsonObject copy = license.copy();
        switch (random.nextInt(6)) {
            case 0 -> copy.put("usedCloudconnectBackups", random.nextInt(1000));
            case 1 -> copy.put("status", STATUSES[random.nextInt(STATUSES.length)]);
            case 2 -> copy.put("companyName", "Company " + round + "-" + random.nextInt(1000));
            case 3 -> copy.put("licensedTo", "Licensee " + round + "-" + random.nextInt(1000));
            case 4 -> copy.put("licenseExpirationDate", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    LocalDate.now().plusDays(random.nextInt(700) - 100).atTime(21, 0).atOffset(ZoneOffset.UTC)));
            default -> copy.put("backupServerName", "vcc-edited-" + random.nextInt(100));
        }
        return copy;
    }

    /** The fields compared, as the gateway serves a console's items: v3 names the company from licensedTo. */
    private static List<Map<String, Object>> expectedRows(String console, boolean v3, List<JsonObject> items) {
        return items.stream().map(item -> {
            Map<String, Object> row = new HashMap<>();
            row.put("console", console);
            row.put("id", item.getString("id"));
            row.put("status", item.getString("status"));
            row.put("licensedTo", item.getString("licensedTo"));
            row.put("companyName", v3 ? item.getString("licensedTo") : item.getString("companyName"));
            row.put("usedCloudconnectBackups", v3 ? null : item.getInteger("usedCloudconnectBackups"));
            row.put("backupServerName", item.getString("backupServerName"));
            row.put("licenseExpirationDate", instant(item.getString("licenseExpirationDate")));
            return row;
        }).toList();
    }

    /**
     * One page of up to 1000 licenses, parsed as plain JSON (no Groovy path expressions: hundreds of them would cost
     * more than the requests).
     */
    private static JsonObject licenses(Map<String, String> parameters) {
        return new JsonObject(given().queryParams(parameters).queryParam("limit", 1000).get("/api/v1/licenses").then()
                .statusCode(200).extract().asString());
    }

    /** meta.consoles[name].snapshotId */
    private static Long snapshotOf(JsonObject page, String console) {
        return page.getJsonObject("meta").getJsonArray("consoles").stream().map(JsonObject.class::cast)
                .filter(c -> console.equals(c.getString("name"))).findFirst().orElseThrow().getLong("snapshotId");
    }

    private static List<Map<String, Object>> servedRows(JsonObject page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> license : page.getJsonArray("data").stream().map(l -> ((JsonObject) l).getMap())
                .toList()) {
            Map<String, Object> row = new HashMap<>();
            for (String field : List.of("console", "id", "status", "licensedTo", "companyName", "usedCloudconnectBackups",
                    "backupServerName")) {
                row.put(field, license.get(field));
            }
            row.put("licenseExpirationDate", instant((String) license.get("licenseExpirationDate")));
            rows.add(row);
        }
        return sorted(rows);
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
        List<Map<String, Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("console"))
                .thenComparing(r -> (String) r.get("id")));
        return copy;
    }

    private static Instant instant(String dateTime) {
        return dateTime == null ? null : OffsetDateTime.parse(dateTime).toInstant();
    }

    private enum Failure {
        NONE, EVERY_REQUEST, SECOND_PAGE
    }

    /** One console's round: how its licenses were edited, whether it fails, and what it then serves. */
    private record Plan(int changes, int additions, int removals, Failure failure, List<JsonObject> served,
            Map<String, String> fingerprints) {

        @Override
        public String toString() {
            return "changes " + changes + ", additions " + additions + ", removals " + removals + ", failure " + failure;
        }
    }

    private record Moment(Instant at, Map<String, List<JsonObject>> stored) {
    }
}
