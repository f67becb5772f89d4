package io.licensegateway.query;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A console as {@code /api/v1/consoles} and {@code meta.consoles} show it; never its credentials. {@code historyFrom}:
 * the earliest time its kept history can show (older snapshots were pruned).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsoleStatus(String name, String url, String api, boolean enabled, ConsoleState state, String breaker,
        OffsetDateTime asOf, Long snapshotId, Integer licenseCount, OffsetDateTime lastAttemptAt, String lastOutcome,
        OffsetDateTime lastSuccessAt, String lastErrorKind, String lastError, OffsetDateTime historyFrom) {
}
