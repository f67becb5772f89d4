package io.licensegateway.operations;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every request on the API port an id: the caller's {@code X-Request-Id} when it is safe to echo and to
 * log, otherwise a new UUID. The id goes back in the response and into the logging MDC as {@code requestId}.
 * Quarkus keeps the MDC in the request's duplicated Vert.x context, so it follows the request onto worker
 * threads and is gone with the request, with nothing to clean up.
 */
@ApplicationScoped
class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";

    // Anything else could forge log lines or inject into headers and log queries downstream.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    // Before authentication and everything else, so even a 401 carries the id.
    private static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(RequestIds::tag, PRIORITY);
    }

    private static void tag(RoutingContext context) {
        String id = accepted(context.request().getHeader(HEADER));
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }

    static String accepted(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
