package io.licensegateway.snapshot;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import io.licensegateway.upstream.UpstreamLicense;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/**
 * The typed columns of {@code license} and how each is read from an {@link UpstreamLicense}; the bulk insert
 * sends one array per column and lets PostgreSQL {@code unnest} them into rows, one statement per snapshot.
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
            text("raw", UpstreamLicense::raw));

    /** {@code $1} snapshot id, {@code $2} console, then one array per column. */
    static final String INSERT = insert();

    private LicenseColumns() {
    }

    static Tuple parameters(long snapshotId, String console, List<UpstreamLicense> licenses) {
        Tuple tuple = Tuple.of(snapshotId, console);
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
        StringBuilder arrays = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            arrays.append(i == 0 ? "" : ", ").append('$').append(i + 3).append("::").append(COLUMNS.get(i).arrayType());
        }
        // unnest cannot produce jsonb from text[] by itself
        String selected = COLUMNS.stream().map(c -> c.name().equals("raw") ? "raw::jsonb" : c.name())
                .collect(Collectors.joining(", "));
        return "insert into license (snapshot_id, console, " + names + ") select $1, $2, " + selected
                + " from unnest(" + arrays + ") as t(" + names + ")";
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
