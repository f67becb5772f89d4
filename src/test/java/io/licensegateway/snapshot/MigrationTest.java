package io.licensegateway.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.licensegateway.upstream.Fetched;
import io.licensegateway.upstream.PageDigests;
import io.licensegateway.upstream.UpstreamLicense;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.PoolOptions;

/**
 * V11 moves the previous layout (every snapshot's full copy of its licenses) into versions. A database of its own is
 * migrated to V10, filled the way the previous gateway stored data, and migrated to the latest: every current
 * license, every kept snapshot (as of its time and through the compatibility view {@code license}) and every raw
 * item must survive, and the writer must then recognise unchanged migrated licenses by content.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationTest {

    /** The tests' database (as the Quarkus tests are given it); the migration gets one beside it. */
    private static final String TEST_URL = setting("quarkus.datasource.jdbc.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = setting("quarkus.datasource.username", "postgres");
    private static final String PASSWORD = setting("quarkus.datasource.password", "");
    private static final String SERVER = TEST_URL.substring(0, TEST_URL.lastIndexOf('/') + 1);
    private static final String DATABASE = TEST_URL.substring(TEST_URL.lastIndexOf('/') + 1).replaceAll("\\?.*", "")
            + "_migration";
    private static final String URL = SERVER + DATABASE;

    private static final OffsetDateTime T0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
            .minusDays(1);
    private static final OffsetDateTime T1 = T0.plusHours(1);
    private static final OffsetDateTime T2 = T0.plusHours(2);
    private static final OffsetDateTime T3 = T0.plusHours(3);
    private static final OffsetDateTime EXPIRY = T0.plusDays(300);

    // eu-1 over four snapshots (T0 … T3); each kind of history a license can have
    private static final Old STEADY = new Old("steady", "Steady AG", "Valid", 10, "vcc-1", "1.5");
    private static final Old CHANGES_1 = new Old("changes", "Changes Ltd", "Valid", 20, "vcc-1", "2");
    private static final Old CHANGES_2 = CHANGES_1.withUsed(21);
    private static final Old FLIPS_A = new Old("flips", "Flips Inc.", "Valid", 30, "vcc-1", "3");
    private static final Old FLIPS_B = FLIPS_A.withStatus("Warning");
    private static final Old GAP = new Old("gap", "Gap GmbH", "Valid", 40, "vcc-2", "4");
    private static final Old GONE = new Old("gone", "Gone Oy", "Error", 50, "vcc-2", "5");
    private static final Old LATE = new Old("late", "Late LLC", "Valid", 60, "vcc-2", "6");
    /** Same item, renamed site: v3 joins the site name from another resource, so this is a change. */
    private static final Old RENAMED_1 = new Old("renamed", "Renamed B.V.", "Valid", 70, "vcc-old", "7");
    private static final Old RENAMED_2 = RENAMED_1.withServer("vcc-new");
    private static final Old NULLS = new Old("nulls", null, null, null, null, null);
    private static final List<List<Old>> EU = List.of(
            List.of(STEADY, CHANGES_1, FLIPS_A, GAP, GONE, RENAMED_1, NULLS),
            List.of(STEADY, CHANGES_1, FLIPS_B, GONE, RENAMED_1, NULLS),
            List.of(STEADY, CHANGES_2, FLIPS_A, GAP, RENAMED_2, NULLS),
            List.of(STEADY, CHANGES_2, FLIPS_A, GAP, LATE, RENAMED_2, NULLS));
    // us-1: one license removed at T2; ap-1: one changes every time, one joins last
    private static final List<List<Old>> US = List.of(
            List.of(new Old("x1", "X One", "Valid", 1, "us-vcc", "1"), new Old("x2", "X Two", "Valid", 2, "us-vcc", "2")),
            List.of(new Old("x1", "X One", "Valid", 1, "us-vcc", "1")));
    private static final List<List<Old>> AP = List.of(
            List.of(new Old("y1", "Y", "Valid", 1, "ap", "1"), new Old("y2", "Y2", "Valid", 2, "ap", "2")),
            List.of(new Old("y1", "Y", "Valid", 2, "ap", "1"), new Old("y2", "Y2", "Valid", 2, "ap", "2")),
            List.of(new Old("y1", "Y", "Valid", 3, "ap", "1"), new Old("y2", "Y2", "Valid", 2, "ap", "2"),
                    new Old("y3", "Y3", "Warning", 3, "ap", "3")));
    private static final Map<String, List<List<Old>>> FLEET = Map.of("eu-1", EU, "us-1", US, "ap-1", AP);

    /** Snapshot id → console and the rows the previous gateway stored for it. */
    private static final Map<Long, Stored> SNAPSHOTS = new LinkedHashMap<>();

    @BeforeAll
    static void migrateAFilledV10Database() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        }
        flyway().target("10").load().migrate();
        try (Connection connection = connect()) {
            for (var console : List.of("eu-1", "us-1", "ap-1")) {
                storeAsThePreviousVersionDid(connection, console, FLEET.get(console));
            }
        }
        flyway().load().migrate();
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    @Test
    void everyConsolesCurrentLicensesAreItsNewestSnapshotsWithTheirTypedColumns() throws SQLException {
        for (var console : FLEET.keySet()) {
            List<List<Old>> snapshots = FLEET.get(console);
            assertThat(read("""
                    select l.*, null::timestamptz as valid_to, r.raw from license_current l
                    join license_raw r using (console, id, valid_from) where l.console = ?""", console))
                    .as(console).containsExactlyInAnyOrderElementsOf(seen(snapshots.get(snapshots.size() - 1)));
        }
    }

    @Test
    void everySnapshotReadsAsOfItsTimeAsItWasStored() throws SQLException {
        for (var snapshot : SNAPSHOTS.entrySet()) {
            Stored stored = snapshot.getValue();
            assertThat(read("""
                    select v.*, r.raw
                    from (select *, null::timestamptz as valid_to from license_current
                          union all select * from license_history) v
                    join license_raw r using (console, id, valid_from)
                    where v.console = ? and v.valid_from <= ? and (v.valid_to is null or v.valid_to > ?)""",
                    stored.console(), stored.at(), stored.at()))
                    .as("%s snapshot %d as of %s", stored.console(), snapshot.getKey(), stored.at())
                    .containsExactlyInAnyOrderElementsOf(seen(stored.licenses()));
        }
    }

    @Test
    void theCompatibilityViewRebuildsEverySnapshotForAGatewayOfThePreviousVersion() throws SQLException {
        for (var snapshot : SNAPSHOTS.entrySet()) {
            Stored stored = snapshot.getValue();
            assertThat(read("select * from license where snapshot_id = ?", snapshot.getKey()))
                    .as("%s snapshot %d", stored.console(), snapshot.getKey())
                    .containsExactlyInAnyOrderElementsOf(seen(stored.licenses()));
        }
        assertThat(strings("select table_type from information_schema.tables where table_name = 'license'"))
                .containsExactly("VIEW");
    }

    @Test
    void licensesBecomeOneVersionPerUnchangedRun() throws SQLException {
        // each version begins at the first snapshot of a run of equal content and ends at the next snapshot
        assertThat(strings("select id || ' ' || valid_from from license_current where console = 'eu-1'"))
                .containsExactlyInAnyOrder(version("steady", T0), version("changes", T2), version("flips", T2),
                        version("gap", T2), version("late", T3), version("renamed", T2), version("nulls", T0));
        assertThat(strings("select id || ' ' || valid_from || ' ' || valid_to from license_history where console = 'eu-1'"))
                .containsExactlyInAnyOrder(version("changes", T0, T2), version("flips", T0, T1),
                        version("flips", T1, T2), version("gap", T0, T1), version("gone", T0, T2),
                        version("renamed", T0, T2));
        // one raw item per version, kept as received
        assertThat(count("select count(*) from license_raw where console = 'eu-1'")).isEqualTo(13);
        assertThat(count("select count(*) from license_raw r where not exists (select 1 from license_history h "
                + "where h.console = r.console and h.id = r.id and h.valid_from = r.valid_from) and not exists (select 1 "
                + "from license_current c where c.console = r.console and c.id = r.id and c.valid_from = r.valid_from)"))
                .isZero();
    }

    @Test
    void snapshotsGetTheirTimeConsolesTheirHistoryStartAndMigratedVersionsNoDigest() throws SQLException {
        assertThat(count("select count(*) from snapshot where valid_from is distinct from fetched_at")).isZero();
        assertThat(strings("select console || ' ' || history_from from console_state"))
                .containsExactlyInAnyOrder("eu-1 " + pg(T0), "us-1 " + pg(T0), "ap-1 " + pg(T0));
        assertThat(count("select count(*) from license_current where digest is not null")).isZero();
        assertThat(count("select count(*) from license_history where digest is not null")).isZero();
        assertThat(count("select count(*) from license_current")).isEqualTo(7 + 1 + 3);
    }

    @Test
    @Order(Integer.MAX_VALUE) // it writes: the checks of the migrated state come first
    void theWriterAdoptsTheDigestOfAnUnchangedMigratedLicenseAndVersionsOnlyWhatChanged() {
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(URL.replace("jdbc:", "") + "?user=" + USER + (PASSWORD.isEmpty() ? "" : "&password=" + PASSWORD))
                .using(vertx).build();
        try {
            SnapshotWriter writer = new SnapshotWriter(io.licensegateway.notify.LicenseEvents.none());
            // ap-1 serves its newest snapshot again, but y3 changed
            List<Old> newest = AP.get(AP.size() - 1);
            Old changed = newest.get(2).withUsed(99);
            List<UpstreamLicense> served = List.of(newest.get(0).upstream(), newest.get(1).upstream(), changed.upstream());

            StoredSnapshot first = write(pool, writer, served);

            // the old content hash was computed another way: a new snapshot, but only y3 gets a new version
            assertThat(first.changed()).isTrue();
            OffsetDateTime stamp = one(pool, "select valid_from from snapshot where id = $1", first.snapshotId());
            assertThat(count(pool, "select count(*) from license_current where console = 'ap-1' and valid_from = $1",
                    stamp)).isEqualTo(1);
            assertThat(count(pool, "select count(*) from license_current where console = 'ap-1' and id = 'y3' "
                    + "and valid_from = $1 and used_cloudconnect_backups = 99", stamp)).isEqualTo(1);
            assertThat(count(pool, "select count(*) from license_history where console = 'ap-1' and id = 'y3' "
                    + "and valid_from = $1 and valid_to = $2", T2, stamp)).isEqualTo(1);
            // y1 and y2 kept their migrated versions and now carry the digest of what was received
            assertThat(count(pool, "select count(*) from license_current where console = 'ap-1' and id = 'y1' "
                    + "and valid_from = $1 and digest is not null", T2)).isEqualTo(1);
            assertThat(count(pool, "select count(*) from license_current where console = 'ap-1' and id = 'y2' "
                    + "and valid_from = $1 and digest is not null", T0)).isEqualTo(1);

            // the same content again is confirmed: nothing written
            StoredSnapshot second = write(pool, writer, served);
            assertThat(second.changed()).isFalse();
            assertThat(second.snapshotId()).isEqualTo(first.snapshotId());
            assertThat(count(pool, "select count(*) from license_raw where console = 'ap-1'")).isEqualTo(5 + 1);
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
    }

    private static StoredSnapshot write(Pool pool, SnapshotWriter writer, List<UpstreamLicense> licenses) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection
                .preparedQuery("insert into fetch_run (trigger, started_at) values ('MANUAL', $1) returning id")
                .execute(Tuple.of(now))
                .flatMap(rows -> writer.write(connection, rows.iterator().next().getLong(0), "ap-1", Contents.of(new Fetched(licenses, PageDigests.NONE)), now)))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static long count(Pool pool, String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static OffsetDateTime one(Pool pool, String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getOffsetDateTime(0);
    }

    /** Runs, snapshots with full copies of their licenses, and the console's pointer to its newest snapshot. */
    private static void storeAsThePreviousVersionDid(Connection connection, String console, List<List<Old>> snapshots)
            throws SQLException {
        long current = 0;
        for (int i = 0; i < snapshots.size(); i++) {
            OffsetDateTime at = T0.plusHours(i);
            long run = insert(connection, "insert into fetch_run (trigger, started_at, finished_at) values ('SCHEDULED', ?, ?) "
                    + "returning id", at, at.plusSeconds(1));
            current = insert(connection, "insert into snapshot (console, run_id, fetched_at, confirmed_at, content_hash, "
                    + "license_count) values (?, ?, ?, ?, ?, ?) returning id", console, run, at, at.plusMinutes(30),
                    "old-hash-" + console + "-" + i, snapshots.get(i).size());
            for (Old license : snapshots.get(i)) {
                try (PreparedStatement statement = connection.prepareStatement("""
                        insert into license (snapshot_id, console, id, company_name, licensed_to, status,
                            used_cloudconnect_backups, license_expiration_date, backup_server_name, used_instances, raw)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
                    set(statement, current, console, license.id(), license.company(), license.company(),
                            license.status(), license.used(), license.expires(), license.server(),
                            license.usedInstancesNumber(), license.raw());
                    statement.executeUpdate();
                }
            }
            SNAPSHOTS.put(current, new Stored(console, at, snapshots.get(i)));
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                insert into console_state (console, current_snapshot_id, last_attempt_at, last_outcome, last_success_at)
                values (?, ?, ?, 'UNCHANGED', ?)""")) {
            OffsetDateTime last = T0.plusHours(snapshots.size());
            set(statement, console, current, last, last);
            statement.executeUpdate();
        }
    }

    private static long insert(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            set(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void set(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    /** Rows with the columns the fixture sets, comparable with {@link #seen(List)}. */
    private static List<Seen> read(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            set(statement, parameters);
            List<Seen> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    OffsetDateTime expires = result.getObject("license_expiration_date", OffsetDateTime.class);
                    BigDecimal usedInstances = result.getBigDecimal("used_instances");
                    rows.add(new Seen(result.getString("id"), result.getString("company_name"),
                            result.getString("licensed_to"), result.getString("status"),
                            (Integer) result.getObject("used_cloudconnect_backups"),
                            expires == null ? null : expires.toInstant(), result.getString("backup_server_name"),
                            usedInstances == null ? null : usedInstances.stripTrailingZeros(),
                            new JsonObject(result.getString("raw"))));
                }
            }
            return rows;
        }
    }

    private static List<Seen> seen(List<Old> licenses) {
        return licenses.stream().map(Old::seen).sorted(Comparator.comparing(Seen::id)).toList();
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String version(String id, OffsetDateTime from) {
        return id + " " + pg(from);
    }

    private static String version(String id, OffsetDateTime from, OffsetDateTime to) {
        return id + " " + pg(from) + " " + pg(to);
    }

    /** A whole-second time as PostgreSQL prints a timestamptz in UTC. */
    private static String pg(OffsetDateTime time) {
        return time.toLocalDate() + " " + time.toLocalTime() + (time.getSecond() == 0 ? ":00" : "") + "+00";
    }

    /** A connection that prints times in UTC. */
    private static Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set timezone = 'UTC'");
        }
        return connection;
    }

    private static FluentConfiguration flyway() {
        return Flyway.configure().dataSource(URL, USER, PASSWORD).locations("classpath:db/migration");
    }

    private static String setting(String property, String fallback) {
        String variable = property.toUpperCase().replace('.', '_').replace('-', '_');
        return Optional.ofNullable(System.getProperty(property)).or(() -> Optional.ofNullable(System.getenv(variable)))
                .orElse(fallback);
    }

    /** One license as the previous gateway stored it; {@code raw} holds its fields except the site name. */
    private record Old(String id, String company, String status, Integer used, String server, String usedInstances) {

        OffsetDateTime expires() {
            return company == null ? null : EXPIRY;
        }

        BigDecimal usedInstancesNumber() {
            return usedInstances == null ? null : new BigDecimal(usedInstances);
        }

        String raw() {
            return new JsonObject().put("id", id).put("companyName", company).put("licensedTo", company)
                    .put("status", status).put("usedCloudconnectBackups", used)
                    .put("licenseExpirationDate", expires() == null ? null : expires().toString())
                    .put("usedInstances", usedInstances == null ? null : Double.valueOf(usedInstances)).encode();
        }

        Old withUsed(int value) {
            return new Old(id, company, status, value, server, usedInstances);
        }

        Old withStatus(String value) {
            return new Old(id, company, value, used, server, usedInstances);
        }

        Old withServer(String value) {
            return new Old(id, company, status, used, value, usedInstances);
        }

        Seen seen() {
            return new Seen(id, company, company, status, used, expires() == null ? null : expires().toInstant(), server,
                    usedInstancesNumber() == null ? null : usedInstancesNumber().stripTrailingZeros(),
                    new JsonObject(raw()));
        }

        UpstreamLicense upstream() {
            return new UpstreamLicense(id, company, company, null, null, null, null, null, status, null, null,
                    expires(), null, server, null, null, null, null, used, null, null, null, null, null, null, null,
                    usedInstancesNumber(), raw().getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Seen(String id, String company, String licensedTo, String status, Integer used, Instant expires,
            String server, BigDecimal usedInstances, JsonObject raw) {
    }

    private record Stored(String console, OffsetDateTime at, List<Old> licenses) {
    }
}
