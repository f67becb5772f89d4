package io.licensegateway.fetch;

/**
 * A refresh was asked for while another one is still running on this instance; {@code runId} names it (null in the
 * moment before its run record exists).
 */
public class RefreshInProgressException extends RuntimeException {

    private final Long runId;

    public RefreshInProgressException(Long runId) {
        super("A refresh is already running" + (runId == null ? "" : " (run " + runId + ")")
                + "; wait for it at /api/v1/runs/{id}, or try again when it has finished", null, false, false);
        this.runId = runId;
    }

    public Long runId() {
        return runId;
    }
}
