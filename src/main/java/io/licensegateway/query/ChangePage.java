package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/v1/changes}: changes in the window {@code (since, until]}, in the order of (at, console, id, kind).
 * {@code meta.nextCursor} is always set: with {@code more} it continues this window, without it it starts the next
 * window where this one ended, so a consumer polling with it sees every change exactly once.
 */
public record ChangePage(List<Change> data, Meta meta) {

    /**
     * One change. {@code at}: the store time the console's new snapshot became current (its versions' validFrom).
     * {@code changes}: per field its {@code old} and {@code new} value (kinds that compare versions);
     * {@code license}: the version added, or the last version of one removed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(OffsetDateTime at, String console, String id, String kind, String companyName,
            Map<String, Map<String, Object>> changes, Map<String, Object> license) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Meta(OffsetDateTime since, OffsetDateTime until, int limit, boolean more, String nextCursor) {
    }
}
