package io.licensegateway.upstream;

import java.nio.charset.StandardCharsets;

import io.vertx.core.MultiMap;

/** A console's HTTP answer: its status, its headers and its whole body as received (JSON is UTF-8). */
public record Answer(int status, MultiMap headers, byte[] body) {

    /** A header's first value, or null; names are case-insensitive. */
    public String header(String name) {
        return headers.get(name);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Answer[status=" + status + ", " + body.length + " bytes]";
    }
}
