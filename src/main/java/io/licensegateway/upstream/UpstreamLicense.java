package io.licensegateway.upstream;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One Cloud Connect license as the gateway stores it, whatever API it came from. Field names follow VAC v2;
 * {@code raw} is the upstream item's bytes exactly as received, unknown fields included.
 */
public record UpstreamLicense(
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
        Integer licensedVms,
        Integer usedVms,
        Integer newVms,
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
        byte[] raw) {
}
