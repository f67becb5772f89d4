package io.licensegateway.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** {@code gateway.query.*}: the limits of the license list. */
@ConfigMapping(prefix = "gateway.query")
public interface QueryConfig {

    /**
     * {@code offset + limit} of {@code /api/v1/licenses} may not exceed this; deeper pages use the cursor, whose
     * cost does not grow with depth (Elasticsearch's {@code max_result_window}).
     */
    @WithDefault("10000")
    @Min(1)
    int maxResultWindow();

    /**
     * {@code meta.total} is exact up to this many matches; beyond it counting stops and
     * {@code meta.totalRelation} is {@code gte} (Elasticsearch's {@code track_total_hits}). At 1,000 a count costs
     * about what a page does (BENCHMARKS.md); counting 10,000 matches took 10–150 ms.
     */
    @WithDefault("1000")
    @Min(1)
    int trackTotalHits();
}
