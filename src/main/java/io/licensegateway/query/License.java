package io.licensegateway.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** One license as the API serves it: the upstream fields plus the console it came from and how fresh it is. */
public record License(
        String console,
        String id,
        String companyName,
        String licensedTo,
        String contactPerson,
        String licenseAdministratorEmail,
        String licenseeEmail,
        String edition,
        String licenseType,
        String status,
        String supportId,
        String monitoring,
        OffsetDateTime licenseExpirationDate,
        OffsetDateTime supportExpirationDate,
        String backupServerName,
        Integer licensedVMs,
        Integer usedVMs,
        Integer newVMs,
        Integer licensedCloudconnectBackups,
        Integer usedCloudconnectBackups,
        Integer licensedCloudconnectReplicas,
        Integer usedCloudconnectReplicas,
        Integer licensedCloudconnectServers,
        Integer usedCloudconnectServers,
        Integer licensedCloudconnectWorkstations,
        Integer usedCloudconnectWorkstations,
        BigDecimal totalInstances,
        BigDecimal usedInstances,
        OffsetDateTime asOf,
        long snapshotId) {

    static License of(Row row) {
        return new License(
                row.getString("console"),
                row.getString("id"),
                row.getString("company_name"),
                row.getString("licensed_to"),
                row.getString("contact_person"),
                row.getString("license_administrator_email"),
                row.getString("licensee_email"),
                row.getString("edition"),
                row.getString("license_type"),
                row.getString("status"),
                row.getString("support_id"),
                row.getString("monitoring"),
                row.getOffsetDateTime("license_expiration_date"),
                row.getOffsetDateTime("support_expiration_date"),
                row.getString("backup_server_name"),
                row.getInteger("licensed_vms"),
                row.getInteger("used_vms"),
                row.getInteger("new_vms"),
                row.getInteger("licensed_cloudconnect_backups"),
                row.getInteger("used_cloudconnect_backups"),
                row.getInteger("licensed_cloudconnect_replicas"),
                row.getInteger("used_cloudconnect_replicas"),
                row.getInteger("licensed_cloudconnect_servers"),
                row.getInteger("used_cloudconnect_servers"),
                row.getInteger("licensed_cloudconnect_workstations"),
                row.getInteger("used_cloudconnect_workstations"),
                row.getBigDecimal("total_instances"),
                row.getBigDecimal("used_instances"),
                row.getOffsetDateTime("as_of"),
                row.getLong("snapshot_id"));
    }
}
