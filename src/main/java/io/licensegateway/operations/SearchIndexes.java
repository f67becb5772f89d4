package io.licensegateway.operations;

import java.util.List;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Says at start-up which trigram indexes the database lacks. V12 creates them only where the {@code pg_trgm}
 * extension could be created; without them the substring filters still answer correctly, by reading every current
 * license, which an operator should know about.
 */
@ApplicationScoped
public class SearchIndexes {

    /** The trigram indexes of V12__current_license_indexes.sql and the filters each one serves. */
    static final List<String> EXPECTED = List.of(
            "license_current_company_trgm_idx", "license_current_licensed_to_trgm_idx",
            "license_current_search_trgm_idx");

    private final Pool pool;

    SearchIndexes(Pool pool) {
        this.pool = pool;
    }

    void onStart(@Observes StartupEvent event) {
        missing().subscribe().with(absent -> {
            if (!absent.isEmpty()) {
                Log.warnf("Missing trigram indexes %s (the pg_trgm extension could not be created): the company, "
                        + "licensedTo and q filters and OData contains/startswith/substringof read every current "
                        + "license. To fix: CREATE EXTENSION pg_trgm as a role allowed to, then create the indexes "
                        + "of V12__current_license_indexes.sql (docs/configuration.md, \"Database\")", absent);
            }
        }, failure -> Log.warnf("Could not check the trigram indexes: %s", failure.toString()));
    }

    /** The expected indexes the database does not have. */
    Uni<List<String>> missing() {
        return pool.preparedQuery("""
                select name from unnest($1::text[]) as name
                where not exists (select 1 from pg_indexes where indexname = name and schemaname = current_schema())
                order by name""").execute(Tuple.of(EXPECTED.toArray(String[]::new)))
                .map(rows -> {
                    List<String> names = new java.util.ArrayList<>();
                    rows.forEach(row -> names.add(row.getString(0)));
                    return List.copyOf(names);
                });
    }
}
