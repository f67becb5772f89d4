package io.licensegateway.fetch;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.console.Console;
import io.licensegateway.upstream.ConsoleHttpClients;
import io.licensegateway.upstream.UpstreamClient;
import io.licensegateway.upstream.v2.VacV2Client;
import io.licensegateway.upstream.v3.VspcV3Client;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Picks the client for a console's API flavour. All clients read their answers on one small pool of parsing
 * threads ({@code gateway.fetch.parse-threads}), so the event loops that serve the API never parse a console's
 * pages, and a refresh can use at most that many cores for it.
 */
@ApplicationScoped
class UpstreamClients {

    private final ConsoleHttpClients http;
    private final ObjectMapper json;
    private final int pageSize;
    private final Executor parsing;

    UpstreamClients(Vertx vertx, ObjectMapper json, FetchConfig config) {
        this.http = new ConsoleHttpClients(vertx, config.requestTimeout(), config.maxPageBytes());
        this.json = json;
        this.pageSize = config.pageSize();
        AtomicInteger threads = new AtomicInteger();
        this.parsing = Executors.newFixedThreadPool(config.parseThreads().orElse(
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2)), task -> {
                    Thread thread = new Thread(task, "upstream-parse-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    UpstreamClient create(Console console) {
        return switch (console.api()) {
            case V2 -> new VacV2Client(http.build(console), console, json, pageSize, Clock.systemUTC(), parsing);
            case V3 -> new VspcV3Client(http.build(console), console, json, pageSize, Clock.systemUTC(), parsing);
        };
    }
}
