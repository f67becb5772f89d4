package io.licensegateway.fetch;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A run as {@code /api/v1/runs} reads it ({@code fetch_run}). Read-only here: runs are written by the refresh path
 * through the SQL client ({@link RunRepository}), see ARCHITECTURE.md "Persistence".
 */
@Entity
@Immutable
@Table(name = "fetch_run")
public class FetchRun {

    @Id
    private Long id;

    private String trigger;

    @Column(name = "requested_console")
    private String requestedConsole;

    /** Who asked for a manual run; null for scheduled runs and runs before it was recorded. */
    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    protected FetchRun() {
    }

    Long id() {
        return id;
    }

    RunReport report(java.util.List<ConsoleOutcome> consoles) {
        return new RunReport(id, RunReport.Trigger.valueOf(trigger), requestedConsole, RunHistory.utc(startedAt),
                RunHistory.utc(finishedAt), consoles, requestedBy);
    }
}
