package io.licensegateway.query;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How fresh one console's part of a result is ({@code meta.consoles}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsoleFreshness(String name, String api, ConsoleState state, OffsetDateTime asOf, Long snapshotId, String lastError) {

    static ConsoleFreshness of(ConsoleStatus status) {
        return new ConsoleFreshness(status.name(), status.api(), status.state(), status.asOf(), status.snapshotId(),
                status.state() == ConsoleState.OK ? null : status.lastError());
    }
}
