package io.licensegateway.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JacksonException;

import io.vertx.core.VertxException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** Turns whatever a call to a console threw into an {@link UpstreamException} with a safe message. */
public final class Failures {

    private Failures() {
    }

    public static UpstreamException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UpstreamException known) {
                return known;
            }
            if (t instanceof CircuitBreakerOpenException) {
                return new UpstreamException(ErrorKind.CIRCUIT_OPEN, "circuit breaker open; console skipped");
            }
            if (t instanceof SSLException) {
                return new UpstreamException(ErrorKind.TLS, "TLS handshake failed: " + t.getMessage());
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return new UpstreamException(ErrorKind.CONNECT, "cannot connect: " + t.getMessage());
            }
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return new UpstreamException(ErrorKind.TIMEOUT, "no answer in time");
            }
            if (t instanceof JacksonException) {
                return new UpstreamException(ErrorKind.BAD_RESPONSE, "the response is not the expected JSON");
            }
            if (t instanceof IOException || t instanceof VertxException) {
                return new UpstreamException(ErrorKind.CONNECTION_LOST,
                        "connection lost before the response was complete");
            }
        }
        return new UpstreamException(ErrorKind.INTERNAL, "unexpected failure: " + failure.getClass().getSimpleName());
    }
}
