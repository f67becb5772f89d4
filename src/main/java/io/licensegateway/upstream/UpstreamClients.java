package io.licensegateway.upstream;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.console.Console;
import io.licensegateway.console.GatewayConfig;
import io.licensegateway.upstream.v2.VacV2Client;
import io.licensegateway.upstream.v3.VspcV3Client;
import jakarta.enterprise.context.ApplicationScoped;

/** Picks the client for a console's API flavour. */
@ApplicationScoped
public class UpstreamClients {

    private final RestClients restClients;
    private final ObjectMapper json;
    private final GatewayConfig config;

    UpstreamClients(RestClients restClients, ObjectMapper json, GatewayConfig config) {
        this.restClients = restClients;
        this.json = json;
        this.config = config;
    }

    public UpstreamClient create(Console console) {
        return switch (console.api()) {
            case V2 -> new VacV2Client(restClients, console, json, config.fetch().pageSize(), Clock.systemUTC());
            case V3 -> new VspcV3Client(restClients, console, json, config.fetch().pageSize(), Clock.systemUTC());
        };
    }
}
