package io.licensegateway.snapshot;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** How much stored history is kept: {@code gateway.history.*} and {@code gateway.snapshots.*}. */
@ConfigMapping(prefix = "gateway")
public interface HistoryConfig {

    Snapshots snapshots();

    History history();

    interface Snapshots {
        /**
         * Optionally also caps the kept history by count: at most this many snapshots per console (the current one
         * included). Unset by default: {@link History#retention()} alone decides.
         */
        Optional<@Min(1) Integer> keep();
    }

    interface History {
        /**
         * How far back {@code asOf}, cursors, license history and the change feed reach. Versions that ended before
         * {@code now - retention} are pruned after each refresh run; the version valid at that edge is kept.
         */
        @WithDefault("400d")
        Duration retention();

        /** Rows deleted per pruning statement (each its own short transaction). */
        @WithDefault("5000")
        @Min(1)
        int pruneBatch();

        /** Batches one pruning pass may delete; whatever is left goes in the next pass. */
        @WithDefault("100")
        @Min(1)
        int pruneBatchesPerPass();
    }
}
