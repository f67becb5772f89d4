package io.licensegateway.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** One API flavour the simulator speaks: its routes, and how it words an error and a throttled answer. */
interface SimulatedApi {

    /** Answers a request for {@code path} (below the console's base URL); latency has already passed. */
    void route(HttpServerRequest request, SimulatedConsole console, String path, Buffer body);

    void error(HttpServerRequest request, int status, String message);

    void throttled(HttpServerRequest request, int retryAfterSeconds);
}
