package io.licensegateway.query;

/** How usable a console's data is right now. */
public enum ConsoleState {
    /** The last attempt succeeded and the data is recent. */
    OK,
    /** Data is served, but the last attempt failed or the data is older than two refresh intervals. */
    STALE,
    /** The last attempt failed and there is no data to serve. */
    FAILED,
    /** The circuit breaker is open: the console is skipped until the breaker's delay has passed. */
    CIRCUIT_OPEN,
    /** Never fetched yet. */
    NEVER_FETCHED
}
