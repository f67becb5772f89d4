package io.licensegateway.notify;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The license events of one console write, derived by SQL over the versions the writer just wrote, in its
 * transaction ({@link io.licensegateway.snapshot.SnapshotWriter}):
 * <ul>
 * <li>{@code license.status-changed} and {@code license.overused}: a new version compared with the one it closed
 * (same stamp); over-use is raised when a license starts using more than it licenses (or arrives doing so);</li>
 * <li>{@code license.expiring} and {@code license.expired}: on every write, changed or confirmed, since time alone
 * crosses thresholds. {@code license_notice} remembers each (license, threshold, expiry date) raised, so each is
 * raised once; a license that crosses several thresholds in one refresh raises only the nearest (a license first
 * seen 5 days before expiry says "7 days", not also "30 days"). A renewed license (new date) starts over.</li>
 * </ul>
 * Nothing is derived for event types no target receives.
 */
@ApplicationScoped
public class LicenseEvents {

    private static final String LEVEL = """
            license_usage_level(array[%1$s.licensed_vms, %1$s.licensed_cloudconnect_backups,
                    %1$s.licensed_cloudconnect_replicas, %1$s.licensed_cloudconnect_servers,
                    %1$s.licensed_cloudconnect_workstations, %1$s.total_instances],
                array[%1$s.used_vms, %1$s.used_cloudconnect_backups, %1$s.used_cloudconnect_replicas,
                    %1$s.used_cloudconnect_servers, %1$s.used_cloudconnect_workstations, %1$s.used_instances])""";

    private static final String OVER_COUNTERS = """
            array_remove(array[case when c.used_vms > c.licensed_vms then 'vms' end,
                case when c.used_cloudconnect_backups > c.licensed_cloudconnect_backups then 'backups' end,
                case when c.used_cloudconnect_replicas > c.licensed_cloudconnect_replicas then 'replicas' end,
                case when c.used_cloudconnect_servers > c.licensed_cloudconnect_servers then 'servers' end,
                case when c.used_cloudconnect_workstations > c.licensed_cloudconnect_workstations then 'workstations' end,
                case when c.used_instances > c.total_instances then 'instances' end], null)""";

    /** The versions written at stamp $2, each with the version it replaced (closed at the same stamp), if any. */
    private static final String CHANGED = """
            select c.id, c.company_name, c.edition, c.license_type, c.status, c.license_expiration_date,
                   h.id is not null as existed, h.status as previous_status,
                   %s as level, case when h.id is null then 0 else %s end as previous_level, %s as over_counters
            from license_current c
            left join license_history h on h.console = c.console and h.id = c.id and h.valid_to = $2
            where c.console = $1 and c.valid_from = $2""".formatted(LEVEL.formatted("c"), LEVEL.formatted("h"),
            OVER_COUNTERS);

    /**
     * Thresholds ($2, days) crossed by licenses of console $1 not yet noticed: threshold 0 is "expired". All crossed
     * ones are recorded; the rows answered are the newly recorded ones, with the license.
     */
    private static final String EXPIRY = """
            with crossed as (
                select c.id, c.license_expiration_date as expires_at, t.threshold
                from license_current c
                cross join lateral (select d as threshold from unnest($2::int[]) d
                                    where c.license_expiration_date <= now() + d * interval '1 day'
                                    union all
                                    select 0 where c.license_expiration_date <= now()) t
                where c.console = $1 and c.license_expiration_date <= now() + $3 * interval '1 day'
            ), fresh as (
                insert into license_notice (console, license_id, threshold, expires_at)
                select $1, id, threshold, expires_at from crossed
                on conflict do nothing
                returning license_id, threshold
            )
            select f.license_id, min(f.threshold) as threshold, c.company_name, c.edition, c.license_type, c.status,
                   c.license_expiration_date,
                   extract(epoch from c.license_expiration_date - now()) / 86400 as days_left
            from fresh f join license_current c on c.console = $1 and c.id = f.license_id
            group by f.license_id, c.company_name, c.edition, c.license_type, c.status, c.license_expiration_date""";

    private final Outbox outbox;
    private final NotificationsConfig config;

    LicenseEvents(Outbox outbox, NotificationsConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Derives nothing: for a writer outside the application (tests of the store), as with no target configured. */
    public static LicenseEvents none() {
        return new LicenseEvents(null, null) {
            @Override
            public Uni<Void> afterWrite(SqlConnection connection, String console, OffsetDateTime stamp,
                    List<String> removed) {
                return Uni.createFrom().voidItem();
            }
        };
    }

    /**
     * After a console write: {@code stamp} is the new versions' stamp, null when the snapshot was only confirmed;
     * {@code removed} the ids the console no longer serves.
     */
    public Uni<Void> afterWrite(SqlConnection connection, String console, OffsetDateTime stamp, List<String> removed) {
        List<Outbox.Event> events = new ArrayList<>();
        Uni<Void> work = Uni.createFrom().voidItem();
        if (!removed.isEmpty()) {
            work = work.flatMap(ignored -> connection.preparedQuery(
                    "delete from license_notice where console = $1 and license_id = any($2)")
                    .execute(Tuple.of(console, removed.toArray(String[]::new))).replaceWithVoid());
        }
        boolean changes = outbox.wanted(EventType.LICENSE_STATUS_CHANGED) || outbox.wanted(EventType.LICENSE_OVERUSED);
        if (stamp != null && changes) {
            work = work.flatMap(ignored -> connection.preparedQuery(CHANGED).execute(Tuple.of(console, stamp))
                    .invoke(rows -> rows.forEach(row -> changed(console, row, events))).replaceWithVoid());
        }
        if (outbox.wanted(EventType.LICENSE_EXPIRING) || outbox.wanted(EventType.LICENSE_EXPIRED)) {
            Integer[] days = config.expiryDays().stream().distinct().toArray(Integer[]::new);
            int widest = config.expiryDays().stream().mapToInt(Integer::intValue).max().orElse(0);
            work = work.flatMap(ignored -> connection.preparedQuery(EXPIRY).execute(Tuple.of(console, days, widest))
                    .invoke(rows -> rows.forEach(row -> expiry(console, row, events))).replaceWithVoid());
        }
        return work.flatMap(ignored -> outbox.add(connection, events));
    }

    private void changed(String console, Row row, List<Outbox.Event> events) {
        String previous = row.getString("previous_status");
        if (row.getBoolean("existed") && !Objects.equals(previous, row.getString("status"))
                && outbox.wanted(EventType.LICENSE_STATUS_CHANGED)) {
            Map<String, Object> data = license(console, row, row.getString("id"));
            data.put("previousStatus", previous);
            events.add(new Outbox.Event(EventType.LICENSE_STATUS_CHANGED, console, subject(row.getString("id")), data));
        }
        if (row.getInteger("level") == 2 && row.getInteger("previous_level") < 2
                && outbox.wanted(EventType.LICENSE_OVERUSED)) {
            Map<String, Object> data = license(console, row, row.getString("id"));
            data.put("overusedCounters", List.of(row.getArrayOfStrings("over_counters")));
            events.add(new Outbox.Event(EventType.LICENSE_OVERUSED, console, subject(row.getString("id")), data));
        }
    }

    private void expiry(String console, Row row, List<Outbox.Event> events) {
        int threshold = row.getInteger("threshold");
        EventType type = threshold == 0 ? EventType.LICENSE_EXPIRED : EventType.LICENSE_EXPIRING;
        if (!outbox.wanted(type)) {
            return;
        }
        Map<String, Object> data = license(console, row, row.getString("license_id"));
        if (threshold > 0) {
            data.put("thresholdDays", threshold);
            data.put("daysLeft", Math.max(0, (int) Math.floor(row.getDouble("days_left"))));
        }
        events.add(new Outbox.Event(type, console, subject(row.getString("license_id")), data));
    }

    private static Map<String, Object> license(String console, Row row, String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("console", console);
        data.put("licenseId", id);
        data.put("companyName", row.getString("company_name"));
        data.put("edition", row.getString("edition"));
        data.put("licenseType", row.getString("license_type"));
        data.put("status", row.getString("status"));
        data.put("licenseExpirationDate", Outbox.time(row.getOffsetDateTime("license_expiration_date")));
        return data;
    }

    static String subject(String licenseId) {
        return "licenses/" + licenseId;
    }
}
