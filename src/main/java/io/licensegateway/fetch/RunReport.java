package io.licensegateway.fetch;

import java.time.OffsetDateTime;
import java.util.List;

/** One refresh run: what triggered it, when, and every console's outcome. */
public record RunReport(long id, Trigger trigger, String requestedConsole, OffsetDateTime startedAt,
        OffsetDateTime finishedAt, List<ConsoleOutcome> consoles) {

    public enum Trigger {
        SCHEDULED, MANUAL
    }
}
