package io.licensegateway.query;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** A console's stored state with the snapshot current at a given time: one row of {@link ConsoleStatuses#SQL}. */
record ConsoleRecord(Long snapshotId, OffsetDateTime snapshotValidFrom, OffsetDateTime confirmedAt, Integer licenseCount, OffsetDateTime lastAttemptAt,
        String lastOutcome, OffsetDateTime lastSuccessAt, String lastErrorKind, String lastError,
        OffsetDateTime historyFrom) {

    /** Whether {@code slice} holds this record's snapshot (ids and store stamps alike). */
    boolean holds(Slice slice) {
        return slice != null && snapshotId != null && snapshotId == slice.snapshotId()
                && snapshotValidFrom.isEqual(slice.validFrom());
    }

    static ConsoleRecord of(Row row) {
        return new ConsoleRecord(row.getLong("snapshot_id"), row.getOffsetDateTime("snapshot_valid_from"),
                row.getOffsetDateTime("confirmed_at"),
                row.getInteger("license_count"), row.getOffsetDateTime("last_attempt_at"), row.getString("last_outcome"),
                row.getOffsetDateTime("last_success_at"), row.getString("last_error_kind"), row.getString("last_error"),
                row.getOffsetDateTime("history_from"));
    }
}
