package io.licensegateway.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/** Writes the simulator's answers, and the misbehaviour a console was told to show on its license requests. */
final class Replies {

    private final Vertx vertx;

    Replies(Vertx vertx) {
        this.vertx = vertx;
    }

    static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    /** Answers a license request for {@code page} with {@code body}, unless the console is to fail it. */
    void licenses(HttpServerRequest request, SimulatedConsole console, int page, String body, SimulatedApi api) {
        switch (console.nextFailure(page)) {
            case HANG -> vertx.setTimer(120_000, id -> request.connection().close());
            case THROTTLE -> api.throttled(request, console.retryAfterSeconds());
            case STATUS -> api.error(request, console.failStatus(), "Simulated failure");
            case PAGE -> api.error(request, 500, "Simulated failure on page " + page);
            case MALFORMED -> request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(body.substring(0, body.length() / 2) + "<html>");
            case RESET -> {
                request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .putHeader("Content-Length", String.valueOf(Buffer.buffer(body).length()))
                        .write(body.substring(0, body.length() / 2));
                vertx.setTimer(20, id -> request.connection().close());
            }
            case NONE -> request.response().setStatusCode(200)
                    .putHeader("Content-Type", "application/json; charset=utf-8").end(body);
        }
    }
}
