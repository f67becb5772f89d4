package io.licensegateway.fetch;

import java.time.OffsetDateTime;

import io.licensegateway.upstream.ErrorKind;

/** One console's attempt within a run, as stored and served. */
public record ConsoleOutcome(String console, Outcome outcome, int attempts, OffsetDateTime startedAt, long durationMs,
        ErrorKind errorKind, String error, Integer licenseCount, Long snapshotId) {
}
