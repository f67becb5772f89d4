package io.licensegateway.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Totals per group: licensed vs used per counter, utilization, and how many licenses expire when. {@code asOf}: the
 * time of the view when one was asked for (absent for the present); {@code consoles} names each console's snapshot in
 * that view; {@code store}: {@code unreachable} while the current view cannot be brought up to date.
 */
public record Summary(String groupBy, @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime asOf,
        List<Group> groups, List<ConsoleFreshness> consoles, @JsonInclude(JsonInclude.Include.NON_NULL) String store) {

    /** {@code key} is the company key when grouped by company, and {@code name} its most common spelling. */
    public record Group(@JsonInclude(JsonInclude.Include.ALWAYS) String key,
            @JsonInclude(JsonInclude.Include.NON_NULL) String name, long licenses, Counters counters,
            long expired, long expiringWithin30Days, long expiringWithin60Days, long expiringWithin90Days) {
    }

    public record Counters(Counter vms, Counter cloudconnectBackups, Counter cloudconnectReplicas,
            Counter cloudconnectServers, Counter cloudconnectWorkstations, Counter instances) {
    }

    /** {@code utilization} = used ÷ licensed, null when nothing is licensed. */
    public record Counter(BigDecimal licensed, BigDecimal used, BigDecimal utilization) {
    }
}
