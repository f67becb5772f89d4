package io.licensegateway.fetch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gateway.runs.*}: the run history. */
@ConfigMapping(prefix = "gateway.runs")
public interface RunsConfig {

    /** How long run history ({@code /api/v1/runs}) is kept. */
    @WithDefault("30d")
    Duration keep();
}
