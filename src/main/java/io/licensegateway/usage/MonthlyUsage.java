package io.licensegateway.usage;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/v1/usage/monthly}: per group and counter what was licensed and used in one month, and how much of
 * the month the gateway saw (docs/api.md "Monthly usage" defines every figure). Groups come a page at a time in key
 * order; {@code nextAfter}, when there are more, is the {@code after} of the next page.
 */
public record MonthlyUsage(String month, String timeZone, OffsetDateTime from, OffsetDateTime until, boolean partial,
        String groupBy, List<Group> groups, List<ConsoleCoverage> consoles,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextAfter) {

    public record Group(@JsonInclude(JsonInclude.Include.ALWAYS) String key,
            @JsonInclude(JsonInclude.Include.NON_NULL) String name, long licenses, List<String> consoles,
            BigDecimal coverage, int daysWithData, Counters counters) {
    }

    public record Counters(Counter instances, Counter vms, Counter cloudconnectBackups, Counter cloudconnectReplicas,
            Counter cloudconnectServers, Counter cloudconnectWorkstations) {
    }

    /** {@code peakTotal} only for groups of several licenses (for one license it is its {@code peakUsed}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counter(BigDecimal licensed, BigDecimal peakUsed, BigDecimal usedAtEnd, BigDecimal peakTotal) {
    }

    public record ConsoleCoverage(String name, BigDecimal coverage, int daysWithData, List<Gap> gaps) {
    }

    /** A stretch of the month without fresh data from the console. */
    public record Gap(OffsetDateTime from, OffsetDateTime until) {
    }
}
