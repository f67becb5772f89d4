package io.licensegateway.fetch;

/** A refresh was asked for while another one is still running on this instance. */
public class RefreshInProgressException extends RuntimeException {

    public RefreshInProgressException() {
        super("A refresh is already running; try again when it has finished", null, false, false);
    }
}
