package io.licensegateway.usage;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gateway.usage.*}. */
@ConfigMapping(prefix = "gateway.usage")
public interface UsageConfig {

    /** The time zone whose midnights bound a month and its days ({@code Europe/Berlin}, …). */
    @WithDefault("UTC")
    ZoneId timeZone();
}
