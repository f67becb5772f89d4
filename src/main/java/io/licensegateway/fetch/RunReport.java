package io.licensegateway.fetch;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One refresh run: what triggered it, when, and every console's outcome; {@code requestedBy} names who asked for a
 * manual run ({@code api-key:<name>}, {@code vac:<account>}, {@code oidc:<subject>}) and is null for scheduled ones.
 */
public record RunReport(long id, Trigger trigger, String requestedConsole, OffsetDateTime startedAt,
        OffsetDateTime finishedAt, List<ConsoleOutcome> consoles, String requestedBy) {

    public enum Trigger {
        SCHEDULED, MANUAL
    }
}
