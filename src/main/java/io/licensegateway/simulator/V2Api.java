package io.licensegateway.simulator;

import java.util.List;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * VAC REST v2 as the simulator speaks it: {@code POST /token} and {@code GET /v2/licensing/cloudconnectLicenses}
 * with {@code $top}, {@code $skip} and {@code $orderby}, answering a bare JSON array.
 */
final class V2Api implements SimulatedApi {

    private static final String LICENSES = "/v2/licensing/cloudconnectLicenses";

    private final SimulatedTokens tokens;
    private final Replies replies;

    V2Api(SimulatedTokens tokens, Replies replies) {
        this.tokens = tokens;
        this.replies = replies;
    }

    @Override
    public void route(HttpServerRequest request, SimulatedConsole console, String path, Buffer body) {
        if (path.equals("/token") && request.method().name().equals("POST")) {
            tokens.grant(request, console, body);
        } else if (path.equals(LICENSES) && request.method().name().equals("GET")) {
            licenses(request, console);
        } else {
            error(request, 404, "No HTTP resource was found that matches " + path);
        }
    }

    @Override
    public void error(HttpServerRequest request, int status, String message) {
        Replies.json(request, status, new JsonObject().put("Message", message));
    }

    @Override
    public void throttled(HttpServerRequest request, int retryAfterSeconds) {
        request.response().setStatusCode(429).putHeader("Retry-After", String.valueOf(retryAfterSeconds)).end();
    }

    private void licenses(HttpServerRequest request, SimulatedConsole console) {
        if (!tokens.accepts(request.getHeader("Authorization"), console)) {
            error(request, 401, "Authorization has been denied for this request.");
            return;
        }
        console.counters.licenseRequests.incrementAndGet();
        int top = QueryParams.integer(request, "$top", Integer.MAX_VALUE);
        int skip = console.ignoresOffset() ? 0 : QueryParams.integer(request, "$skip", 0);
        int page = top == Integer.MAX_VALUE ? 1 : skip / Math.max(top, 1) + 1;
        List<JsonObject> items = console.licenses().stream()
                .sorted(OrderBy.parse(request.getParam("$orderby")))
                .skip(skip).limit(top).toList();
        replies.licenses(request, console, page, new JsonArray(items).encode(), this);
    }
}
