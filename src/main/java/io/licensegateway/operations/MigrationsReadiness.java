package io.licensegateway.operations;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Ready only when PostgreSQL answered through the same reactive pool the API uses with the schema of the newest
 * migration this build ships. Once it did, a database that stops answering keeps the replica ready (the current
 * view is served from memory) and the check says so in its data. The expected version comes from the migration files Quarkus indexed at
 * build time, so adding a migration needs no change here; reading them touches no database.
 */
@Readiness
@ApplicationScoped
public class MigrationsReadiness implements AsyncHealthCheck {

    static final String NAME = "database schema";

    // A probe that hangs is worse than one that says DOWN: kubelet's own timeout would hide the reason.
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Pool pool;
    private final MigrationVersion expected;
    private final String historyTable;
    private volatile boolean verified;

    @Inject
    MigrationsReadiness(Pool pool, Flyway flyway) {
        this(pool, latestShipped(flyway.getConfiguration()), flyway.getConfiguration().getTable());
    }

    MigrationsReadiness(Pool pool, MigrationVersion expected, String historyTable) {
        this.pool = pool;
        this.expected = expected;
        this.historyTable = historyTable;
    }

    /** Checked once at start as well, so a database lost before the first probe does not read as a wrong schema. */
    void onStart(@Observes StartupEvent event) {
        call().subscribe().with(response -> { }, failure -> { });
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("expected", expected.getVersion());
        return pool.query("select version, success from " + historyTable + " where version is not null").execute()
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    MigrationVersion applied = MigrationVersion.EMPTY;
                    boolean failed = false;
                    for (Row row : rows) {
                        if (!row.getBoolean("success")) {
                            failed = true;
                        } else {
                            MigrationVersion version = MigrationVersion.fromVersion(row.getString("version"));
                            applied = version.isNewerThan(applied) ? version : applied;
                        }
                    }
                    response.withData("applied", applied == MigrationVersion.EMPTY ? "none" : applied.getVersion());
                    if (failed) {
                        return response.down().withData("error", "a migration failed; see " + historyTable).build();
                    }
                    // Newer than expected is fine: during a rolling update a newer replica may migrate first.
                    verified = applied != MigrationVersion.EMPTY && !expected.isNewerThan(applied);
                    return response.status(verified).build();
                })
                .onFailure().recoverWithItem(failure -> response.status(verified)
                        .withData("error", Objects.requireNonNullElse(failure.getMessage(), failure.toString())).build());
    }

    /** The highest version among the shipped versioned SQL migrations ({@code V<version>__<name>.sql}). */
    static MigrationVersion latestShipped(Configuration flyway) {
        String prefix = flyway.getSqlMigrationPrefix();
        String separator = flyway.getSqlMigrationSeparator();
        return flyway.getResourceProvider().getResources(prefix, flyway.getSqlMigrationSuffixes()).stream()
                .map(resource -> resource.getFilename())
                .filter(name -> name.startsWith(prefix) && name.indexOf(separator) > prefix.length())
                .map(name -> MigrationVersion.fromVersion(name.substring(prefix.length(), name.indexOf(separator))))
                .max(MigrationVersion::compareTo)
                .orElseThrow(() -> new IllegalStateException("no versioned migrations found in "
                        + Arrays.toString(flyway.getLocations())));
    }
}
