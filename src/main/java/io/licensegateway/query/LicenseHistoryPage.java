package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/v1/licenses/{console}/{id}/history}: the kept versions of one license, oldest first.
 * {@code validTo} is null for the version current at {@code meta.asOf}; {@code changed} names the fields that differ
 * from the previous kept version (empty for the oldest kept one, and for a version whose item changed only in
 * properties the gateway does not type).
 */
public record LicenseHistoryPage(List<Version> data, Meta meta) {

    public record Version(OffsetDateTime validFrom, @JsonInclude(JsonInclude.Include.ALWAYS) OffsetDateTime validTo,
            List<String> changed, Map<String, Object> license) {
    }

    /** {@code asOf}: the pinned time the pages read (a cursor carries it). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Meta(int limit, String nextCursor, OffsetDateTime asOf) {
    }
}
