package io.licensegateway.fetch;

import java.time.OffsetDateTime;

import io.licensegateway.upstream.ErrorKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * One console's attempt in a run as {@code /api/v1/runs} reads it ({@code fetch_attempt}). Read-only here: an attempt
 * is written in the transaction that stores the console's result ({@link AttemptRecorder}), on the write pool.
 */
@Entity
@Immutable
@Table(name = "fetch_attempt")
public class FetchAttempt {

    @Id
    private Long id;

    @Column(name = "run_id")
    private Long runId;

    private String console;

    private String outcome;

    private int attempts;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "duration_ms")
    private long durationMs;

    @Column(name = "error_kind")
    private String errorKind;

    @Column(name = "error_message")
    private String errorMessage;

    @Column(name = "license_count")
    private Integer licenseCount;

    @Column(name = "snapshot_id")
    private Long snapshotId;

    protected FetchAttempt() {
    }

    Long runId() {
        return runId;
    }

    ConsoleOutcome outcome() {
        return new ConsoleOutcome(console, Outcome.valueOf(outcome), attempts, RunHistory.utc(startedAt), durationMs,
                errorKind == null ? null : ErrorKind.valueOf(errorKind), errorMessage, licenseCount, snapshotId);
    }
}
