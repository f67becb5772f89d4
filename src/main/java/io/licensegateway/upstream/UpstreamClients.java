package io.licensegateway.upstream;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.console.Console;
import io.licensegateway.console.GatewayConfig;
import io.licensegateway.upstream.v2.VacV2Client;
import io.licensegateway.upstream.v3.VspcV3Client;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Picks the client for a console's API flavour. All clients read their answers on one small pool of parsing
 * threads ({@code gateway.fetch.parse-threads}), so the event loops that serve the API never parse a console's
 * pages, and a refresh can use at most that many cores for it.
 */
@ApplicationScoped
public class UpstreamClients {

    private final ConsoleHttpClients http;
    private final ObjectMapper json;
    private final GatewayConfig config;
    private final Executor parsing;

    UpstreamClients(ConsoleHttpClients http, ObjectMapper json, GatewayConfig config) {
        this.http = http;
        this.json = json;
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.parsing = Executors.newFixedThreadPool(config.fetch().parseThreads().orElse(
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2)), task -> {
                    Thread thread = new Thread(task, "upstream-parse-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public UpstreamClient create(Console console) {
        return switch (console.api()) {
            case V2 -> new VacV2Client(http.build(console), console, json, config.fetch().pageSize(), Clock.systemUTC(), parsing);
            case V3 -> new VspcV3Client(http.build(console), console, json, config.fetch().pageSize(), Clock.systemUTC(), parsing);
        };
    }
}
