package io.licensegateway.snapshot;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import io.licensegateway.upstream.UpstreamLicense;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/**
 * The typed columns of a license version and how each is read from an {@link UpstreamLicense}. Writes send one
 * array per column and let PostgreSQL {@code unnest} them into rows: new versions go to {@code license_current}
 * and their items to {@code license_raw} in one statement; replaced ones move to {@code license_history} in another.
 */
final class LicenseColumns {

    private record Column(String name, String arrayType, IntFunction<Object[]> array,
            Function<UpstreamLicense, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            text("id", UpstreamLicense::id),
            text("company_name", UpstreamLicense::companyName),
            text("licensed_to", UpstreamLicense::licensedTo),
            text("contact_person", UpstreamLicense::contactPerson),
            text("license_administrator_email", UpstreamLicense::licenseAdministratorEmail),
            text("licensee_email", UpstreamLicense::licenseeEmail),
            text("edition", UpstreamLicense::edition),
            text("license_type", UpstreamLicense::licenseType),
            text("status", UpstreamLicense::status),
            text("support_id", UpstreamLicense::supportId),
            text("monitoring", UpstreamLicense::monitoring),
            time("license_expiration_date", UpstreamLicense::licenseExpirationDate),
            time("support_expiration_date", UpstreamLicense::supportExpirationDate),
            text("backup_server_name", UpstreamLicense::backupServerName),
            integer("licensed_vms", UpstreamLicense::licensedVms),
            integer("used_vms", UpstreamLicense::usedVms),
            integer("new_vms", UpstreamLicense::newVms),
            integer("licensed_cloudconnect_backups", UpstreamLicense::licensedCloudconnectBackups),
            integer("used_cloudconnect_backups", UpstreamLicense::usedCloudconnectBackups),
            integer("licensed_cloudconnect_replicas", UpstreamLicense::licensedCloudconnectReplicas),
            integer("used_cloudconnect_replicas", UpstreamLicense::usedCloudconnectReplicas),
            integer("licensed_cloudconnect_servers", UpstreamLicense::licensedCloudconnectServers),
            integer("used_cloudconnect_servers", UpstreamLicense::usedCloudconnectServers),
            integer("licensed_cloudconnect_workstations", UpstreamLicense::licensedCloudconnectWorkstations),
            integer("used_cloudconnect_workstations", UpstreamLicense::usedCloudconnectWorkstations),
            new Column("total_instances", "numeric[]", Numeric[]::new,
                    l -> l.totalInstances() == null ? null : Numeric.create(l.totalInstances())),
            new Column("used_instances", "numeric[]", Numeric[]::new,
                    l -> l.usedInstances() == null ? null : Numeric.create(l.usedInstances())),
            // bytes as received: PostgreSQL decodes them, so no Java string is built for an item
            new Column("raw", "bytea[]", Buffer[]::new, l -> Buffer.buffer(l.raw())));

    private static final String TYPED = COLUMNS.stream().map(Column::name).filter(n -> !n.equals("raw"))
            .collect(Collectors.joining(", "));

    /**
     * New current versions: {@code $1} console, {@code $2} their valid_from, {@code $3} digests, then one array per
     * column. The typed row goes to {@code license_current}, the item as received to {@code license_raw}.
     */
    static final String INSERT = insert();

    /** Closes the current versions of {@code $1} console whose ids are {@code $2}, at {@code $3}. */
    static final String CLOSE = "with closed as (delete from license_current where console = $1 and id = any($2::text[])"
            + " returning *) insert into license_history (console, valid_from, digest, " + TYPED + ", valid_to)"
            + " select console, valid_from, digest, " + TYPED + ", $3 from closed";

    private LicenseColumns() {
    }

    static Tuple parameters(String console, OffsetDateTime validFrom, List<UpstreamLicense> licenses,
            List<byte[]> digests) {
        Tuple tuple = Tuple.of(console, validFrom, digests.stream().map(Buffer::buffer).toArray(Buffer[]::new));
        for (Column column : COLUMNS) {
            Object[] values = column.array().apply(licenses.size());
            for (int i = 0; i < values.length; i++) {
                values[i] = column.value().apply(licenses.get(i));
            }
            tuple.addValue(values);
        }
        return tuple;
    }

    private static String insert() {
        String names = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
        StringBuilder arrays = new StringBuilder("$3::bytea[]");
        for (int i = 0; i < COLUMNS.size(); i++) {
            arrays.append(", $").append(i + 4).append("::").append(COLUMNS.get(i).arrayType());
        }
        return "with t as (select * from unnest(" + arrays + ") as t(digest, " + names + ")),"
                + " typed as (insert into license_current (console, valid_from, digest, " + TYPED + ")"
                + " select $1, $2, digest, " + TYPED + " from t)"
                + " insert into license_raw (console, id, valid_from, raw)"
                + " select $1, id, $2, convert_from(raw, 'UTF8')::jsonb from t";
    }

    private static Column text(String name, Function<UpstreamLicense, String> value) {
        return new Column(name, "text[]", String[]::new, value::apply);
    }

    private static Column integer(String name, Function<UpstreamLicense, Integer> value) {
        return new Column(name, "int4[]", Integer[]::new, value::apply);
    }

    private static Column time(String name, Function<UpstreamLicense, OffsetDateTime> value) {
        return new Column(name, "timestamptz[]", OffsetDateTime[]::new, value::apply);
    }
}
