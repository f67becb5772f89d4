package io.licensegateway.upstream;

/** Turns a console's non-2xx answer into the failure it stands for; each API flavour words its errors its own way. */
@FunctionalInterface
public interface FailureReader {

    UpstreamException failure(Answer answer, String request);
}
