package io.licensegateway.simulator;

import io.vertx.core.http.HttpServerRequest;

/** Lenient reading of numeric query parameters: absent or unreadable gives the fallback, negatives count as 0. */
final class QueryParams {

    private QueryParams() {
    }

    static int integer(HttpServerRequest request, String name, int fallback) {
        String value = request.getParam(name);
        try {
            return value == null ? fallback : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
