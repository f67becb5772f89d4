package io.licensegateway.fetch;

/** How one console's attempt in a run ended. */
public enum Outcome {
    /** New content, stored as a new snapshot that is now current. */
    UPDATED,
    /** Same content as the current snapshot; no rows copied, the snapshot is confirmed as fresh. */
    UNCHANGED,
    /** The fetch failed; the previous snapshot stays current. */
    FAILED,
    /** The console's circuit breaker was open, so it was not called. */
    CIRCUIT_OPEN,
    /** Another gateway instance is fetching this console right now; nothing was recorded for it. */
    SKIPPED;

    public boolean succeeded() {
        return this == UPDATED || this == UNCHANGED;
    }
}
