package io.licensegateway.query;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The {@code /api/v1/licenses} envelope. */
public record LicensePage(List<Map<String, Object>> data, Meta meta) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Meta(long total, int limit, Integer offset, String nextCursor, List<ConsoleFreshness> consoles) {
    }
}
