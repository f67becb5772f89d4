package io.licensegateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;

/** The readiness logic against pools the test controls, without starting the application. */
class MigrationsReadinessTest {

    private final Vertx vertx = Vertx.vertx();
    private Pool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.closeAndAwait();
        }
        vertx.closeAndAwait();
    }

    private HealthCheckResponse check(int port, String expectedVersion) {
        pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(port)
                .setDatabase("test").setUser("postgres")).using(vertx).build();
        return new MigrationsReadiness(pool, MigrationVersion.fromVersion(expectedVersion), "flyway_schema_history")
                .call().await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void isDownWhenPostgresCannotBeReached() {
        HealthCheckResponse response = check(1, "1"); // nothing listens on port 1

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsKey("error");
    }

    @Test
    void isDownWhileTheNewestShippedMigrationIsNotApplied() {
        // The shared test database is migrated at most to what this build ships; 999 is never there.
        HealthCheckResponse response = check(5432, "999");

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("expected", "999");
    }
}
