package io.licensegateway.query;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gateway.view.*}: the in-memory current view (README "Reads"). */
@ConfigMapping(prefix = "gateway.view")
public interface ViewConfig {

    /**
     * How often every replica checks the store for a newer view even without a notification (one after a lost
     * notification or a reconnect heals within this), and retries a failed update.
     */
    @WithDefault("2s")
    Duration checkInterval();

    /** Versions kept for the cursors and requests that still read them; older cursors continue from the store. */
    @WithDefault("4")
    int keptVersions();
}
