package io.licensegateway.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Every field a served license has: its API name, its VAC v2 name, the SQL that reads it and its type. The
 * one whitelist for sorting, sparse fields, CSV columns, OData {@code $filter/$orderby/$select} and summaries.
 */
public enum LicenseField {
    CONSOLE("console", "console", "l.console", Type.TEXT),
    ID("id", "id", "l.id", Type.TEXT),
    COMPANY_NAME("companyName", "companyName", "l.company_name", Type.TEXT),
    LICENSED_TO("licensedTo", "licensedTo", "l.licensed_to", Type.TEXT),
    CONTACT_PERSON("contactPerson", "contactPerson", "l.contact_person", Type.TEXT),
    LICENSE_ADMINISTRATOR_EMAIL("licenseAdministratorEmail", "licenseAdministratorEmail", "l.license_administrator_email", Type.TEXT),
    LICENSEE_EMAIL("licenseeEmail", "licenseeEmail", "l.licensee_email", Type.TEXT),
    EDITION("edition", "edition", "l.edition", Type.TEXT),
    LICENSE_TYPE("licenseType", "licenseType", "l.license_type", Type.TEXT),
    STATUS("status", "status", "l.status", Type.TEXT),
    SUPPORT_ID("supportId", "supportID", "l.support_id", Type.TEXT),
    MONITORING("monitoring", "monitoring", "l.monitoring", Type.TEXT),
    LICENSE_EXPIRATION_DATE("licenseExpirationDate", "licenseExpirationDate", "l.license_expiration_date", Type.TIMESTAMP),
    SUPPORT_EXPIRATION_DATE("supportExpirationDate", "supportExpirationDate", "l.support_expiration_date", Type.TIMESTAMP),
    BACKUP_SERVER_NAME("backupServerName", "backupServerName", "l.backup_server_name", Type.TEXT),
    LICENSED_VMS("licensedVMs", "licensedVMs", "l.licensed_vms", Type.INTEGER),
    USED_VMS("usedVMs", "usedVMs", "l.used_vms", Type.INTEGER),
    NEW_VMS("newVMs", "newVMs", "l.new_vms", Type.INTEGER),
    LICENSED_BACKUPS("licensedCloudconnectBackups", "licensedCloudconnectBackups", "l.licensed_cloudconnect_backups", Type.INTEGER),
    USED_BACKUPS("usedCloudconnectBackups", "usedCloudconnectBackups", "l.used_cloudconnect_backups", Type.INTEGER),
    LICENSED_REPLICAS("licensedCloudconnectReplicas", "licensedCloudconnectReplicas", "l.licensed_cloudconnect_replicas", Type.INTEGER),
    USED_REPLICAS("usedCloudconnectReplicas", "usedCloudconnectReplicas", "l.used_cloudconnect_replicas", Type.INTEGER),
    LICENSED_SERVERS("licensedCloudconnectServers", "licensedCloudconnectServers", "l.licensed_cloudconnect_servers", Type.INTEGER),
    USED_SERVERS("usedCloudconnectServers", "usedCloudconnectServers", "l.used_cloudconnect_servers", Type.INTEGER),
    LICENSED_WORKSTATIONS("licensedCloudconnectWorkstations", "licensedCloudconnectWorkstations", "l.licensed_cloudconnect_workstations", Type.INTEGER),
    USED_WORKSTATIONS("usedCloudconnectWorkstations", "usedCloudconnectWorkstations", "l.used_cloudconnect_workstations", Type.INTEGER),
    TOTAL_INSTANCES("totalInstances", "totalInstances", "l.total_instances", Type.DECIMAL),
    USED_INSTANCES("usedInstances", "usedInstances", "l.used_instances", Type.DECIMAL),
    // The console's snapshot in the view: the same for all of its licenses, so the rows carry a placeholder and
    // LicenseView fills it in from the pinned view (no versions are rewritten when only the snapshot moves).
    AS_OF("asOf", null, "null::timestamptz", Type.TIMESTAMP),
    SNAPSHOT_ID("snapshotId", null, "null::int8", Type.BIGINT);

    public enum Type {
        TEXT(Row::getString, "text"), INTEGER(Row::getInteger, "int4"), BIGINT(Row::getLong, "int8"),
        DECIMAL(Row::getBigDecimal, "numeric"), TIMESTAMP(Row::getOffsetDateTime, "timestamptz");

        private final ReadColumn reader;
        private final String sqlType;

        Type(ReadColumn reader, String sqlType) {
            this.reader = reader;
            this.sqlType = sqlType;
        }

        /** The PostgreSQL type of the column, for typed nulls. */
        String sqlType() {
            return sqlType;
        }

        Object read(Row row, int column) {
            return reader.read(row, column);
        }
    }

    private interface ReadColumn {
        Object read(Row row, int column);
    }

    private static final Map<String, LicenseField> BY_API_NAME = index(f -> f.apiName);
    private static final Map<String, LicenseField> BY_VAC_NAME = index(f -> f.vacName);

    private final String apiName;
    private final String vacName;
    private final String sql;
    private final Type type;

    LicenseField(String apiName, String vacName, String sql, Type type) {
        this.apiName = apiName;
        this.vacName = vacName;
        this.sql = sql;
        this.type = type;
    }

    public String apiName() {
        return apiName;
    }

    /** The upstream (VAC v2) property name, or null for gateway-only fields. */
    public String vacName() {
        return vacName;
    }

    public String sql() {
        return sql;
    }

    public Type type() {
        return type;
    }

    /** Case-insensitive lookup by API name. */
    public static Optional<LicenseField> byApiName(String name) {
        return Optional.ofNullable(BY_API_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    public static Optional<LicenseField> byVacName(String name) {
        return Optional.ofNullable(BY_VAC_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether this is a column of a stored license version (not a property of the console's snapshot). */
    public boolean stored() {
        return this != AS_OF && this != SNAPSHOT_ID;
    }

    public static String apiNames() {
        return Arrays.stream(values()).map(LicenseField::apiName).collect(Collectors.joining(", "));
    }

    private static Map<String, LicenseField> index(Function<LicenseField, String> name) {
        return Arrays.stream(values()).filter(f -> name.apply(f) != null)
                .collect(Collectors.toUnmodifiableMap(f -> name.apply(f).toLowerCase(Locale.ROOT), f -> f));
    }
}
