package io.licensegateway.upstream;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * HTTP to one console, on the Vert.x client. Each answer's body is copied once, as its chunks arrive, into one array
 * of the size its {@code Content-Length} announces (a chunked answer's chunks are kept until its end, then copied
 * into one array of the exact size): no buffer that grows and is copied again. An answer larger than
 * {@code gateway.fetch.max-page-bytes} fails the call as soon as that is known — from its {@code Content-Length}, or
 * while it arrives — and its connection is reset, so it never occupies more than that limit. Cancelling a call
 * resets its request.
 */
public final class ConsoleHttp {

    private final HttpClient client;
    private final URI base;
    private final MultiMap fixedHeaders;
    private final long requestTimeoutMillis;
    private final int maxBodyBytes;

    ConsoleHttp(HttpClient client, URI base, MultiMap fixedHeaders, long requestTimeoutMillis, int maxBodyBytes) {
        this.client = client;
        this.base = base;
        this.fixedHeaders = fixedHeaders;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A copy that sends {@code name: value} with every request, say the API version a flavour was written for. */
    public ConsoleHttp withHeader(String name, String value) {
        return new ConsoleHttp(client, base, MultiMap.caseInsensitiveMultiMap().addAll(fixedHeaders).add(name, value),
                requestTimeoutMillis, maxBodyBytes);
    }

    /** {@code GET path?query} with {@code authorization} (none when null); {@code request} names it in failures. */
    public Uni<Answer> get(String path, Map<String, ?> query, String authorization, String request) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(HttpHeaders.ACCEPT, "application/json");
        if (authorization != null) {
            headers.add(HttpHeaders.AUTHORIZATION, authorization);
        }
        return send(HttpMethod.GET, path + query(query), headers, null, request);
    }

    /** {@code POST path} of an URL-encoded form. */
    public Uni<Answer> postForm(String path, Map<String, String> form, String request) {
        Buffer body = Buffer.buffer(query(form).substring(1), StandardCharsets.UTF_8.name());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(HttpHeaders.ACCEPT, "application/json")
                .add(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded");
        return send(HttpMethod.POST, path, headers, body, request);
    }

    private Uni<Answer> send(HttpMethod method, String pathAndQuery, MultiMap headers, Buffer body, String request) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(base.toString())
                .setURI(basePath() + pathAndQuery).setHeaders(headers.addAll(fixedHeaders))
                .setConnectTimeout(requestTimeoutMillis).setIdleTimeout(requestTimeoutMillis)
                .setFollowRedirects(false);
        return Uni.createFrom().emitter(emitter -> {
            Exchange exchange = new Exchange(emitter);
            client.request(options).onComplete(sent -> {
                if (sent.failed()) {
                    exchange.fail(sent.cause());
                    return;
                }
                HttpClientRequest outgoing = sent.result();
                emitter.onTermination(() -> {
                    if (exchange.settle()) {
                        outgoing.reset(); // cancelled: the deadline passed
                    }
                });
                (body == null ? outgoing.send() : outgoing.send(body)).onComplete(answered -> {
                    if (answered.failed()) {
                        exchange.fail(answered.cause());
                    } else {
                        receive(answered.result(), exchange, request);
                    }
                });
            });
        });
    }

    /** Reads the body on the event loop that received it; parsing happens elsewhere. */
    private void receive(HttpClientResponse response, Exchange exchange, String request) {
        long declared = contentLength(response.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared > maxBodyBytes) {
            refuse(response, exchange, tooLarge(request, "announced " + declared + " bytes"));
            return;
        }
        Body received = declared >= 0 ? new Body((int) declared) : new Body(-1);
        response.exceptionHandler(exchange::fail);
        response.handler(chunk -> {
            if (received.size() + chunk.length() > maxBodyBytes) {
                refuse(response, exchange, tooLarge(request, "sent more than " + maxBodyBytes + " bytes"));
            } else if (!received.append(chunk)) {
                refuse(response, exchange, new UpstreamException(ErrorKind.BAD_RESPONSE,
                        request + " answered a body longer than its Content-Length"));
            }
        });
        response.endHandler(end -> exchange.complete(new Answer(response.statusCode(), response.headers(),
                received.bytes())));
    }

    /** Stops reading and hangs up, so the rest of the body is never received. */
    private static void refuse(HttpClientResponse response, Exchange exchange, UpstreamException failure) {
        response.handler(null);
        response.endHandler(null);
        exchange.fail(failure);
        response.request().reset();
    }

    private UpstreamException tooLarge(String request, String detail) {
        return new UpstreamException(ErrorKind.BAD_RESPONSE, request + " answered a body larger than "
                + "gateway.fetch.max-page-bytes (" + maxBodyBytes + " bytes): it " + detail);
    }

    private static long contentLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }

    private String basePath() {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String query(Map<String, ?> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        StringJoiner query = new StringJoiner("&", "?", "");
        parameters.forEach((name, value) -> query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)));
        return query.toString();
    }

    /** One call's outcome, settled once: by its answer, its failure or its cancellation. */
    private static final class Exchange {
        private final UniEmitter<? super Answer> emitter;
        private final AtomicBoolean settled = new AtomicBoolean();

        Exchange(UniEmitter<? super Answer> emitter) {
            this.emitter = emitter;
        }

        /** True for the first caller only. */
        boolean settle() {
            return settled.compareAndSet(false, true);
        }

        void complete(Answer answer) {
            if (settle()) {
                emitter.complete(answer);
            }
        }

        void fail(Throwable failure) {
            if (settle()) {
                emitter.fail(failure);
            }
        }
    }

    /**
     * A body of known length is copied straight into its final array; one of unknown length keeps its chunks (each
     * already the client's own copy) and copies them once at the end.
     */
    private static final class Body {
        private final byte[] sized;
        private final List<Buffer> chunks;
        private int size;

        Body(int length) {
            this.sized = length >= 0 ? new byte[length] : null;
            this.chunks = length >= 0 ? null : new ArrayList<>();
        }

        int size() {
            return size;
        }

        /** False when the chunk does not fit the announced length. */
        boolean append(Buffer chunk) {
            int length = chunk.length();
            if (sized != null) {
                if (size + length > sized.length) {
                    return false;
                }
                chunk.getBytes(0, length, sized, size);
            } else {
                chunks.add(chunk);
            }
            size += length;
            return true;
        }

        byte[] bytes() {
            if (sized != null) {
                // shorter only without a body at all (a HEAD-like answer): the connection would have failed otherwise
                return size == sized.length ? sized : Arrays.copyOf(sized, size);
            }
            byte[] whole = new byte[size];
            int at = 0;
            for (Buffer chunk : chunks) {
                chunk.getBytes(0, chunk.length(), whole, at);
                at += chunk.length();
            }
            chunks.clear();
            return whole;
        }
    }
}
