package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code /api/v1/licenses} envelope; it only travels inside a {@code Response}, hence the registration. */
@RegisterForReflection(targets = { LicensePage.class, LicensePage.Meta.class, ConsoleFreshness.class })
public record LicensePage(List<Map<String, Object>> data, Meta meta) {

    /**
     * {@code totalRelation}: {@code eq} when {@code total} is exact, {@code gte} when counting stopped there;
     * {@code store}: {@code unreachable} while the current view cannot be brought up to date (it is served as it was).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Meta(long total, String totalRelation, int limit, Integer offset, String nextCursor,
            OffsetDateTime asOf, List<ConsoleFreshness> consoles, String store) {
    }
}
