package io.licensegateway.company;

import java.util.List;
import java.util.Map;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sets the aliases of {@code gateway.companies.aliases.*} at every start: a configured company gets exactly its
 * configured spellings, taking them from any other company (configuration wins). Replicas starting together write
 * the same rows.
 */
@ApplicationScoped
class ConfiguredAliases {

    private final CompanyAliases aliases;
    private final CompaniesConfig config;

    ConfiguredAliases(CompanyAliases aliases, CompaniesConfig config) {
        this.aliases = aliases;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        if (!config.aliases().isEmpty()) {
            VertxContextSupport.subscribeAndAwait(() -> apply(config.aliases()))
                    .forEach(set -> Log.infof("Company %s has the configured spellings %s", set.company(), set.spellings()));
        }
    }

    /** One company after the other, each in its own transaction. */
    Uni<List<CompanyAliases.Aliases>> apply(Map<String, List<String>> configured) {
        return Multi.createFrom().iterable(configured.entrySet())
                .onItem().transformToUniAndConcatenate(company -> aliases.replace(company.getKey(), company.getValue(), true))
                .collect().asList();
    }
}
