package io.licensegateway.fetch;

import static io.licensegateway.fetch.RefreshTests.outcomeOf;
import static io.licensegateway.fetch.RefreshTests.refresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.licensegateway.support.Database;
import io.licensegateway.support.SimulatorTestBase;
import io.licensegateway.support.TcpProxy;
import io.licensegateway.upstream.PageDigests;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;

/**
 * Two instances against one database: a second {@link Coordination} with its own connection pool stands in for
 * another gateway replica.
 */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class CoordinationTests extends SimulatorTestBase {

    private static final Duration LEASE = Duration.ofMinutes(1);



    @Inject
    Coordination ours;

    @Inject
    Vertx vertx;

    /** The application's own database, so a run against another test database (-D…reactive.url) uses it too. */
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String databaseUser;

    private Pool otherPool;
    private Coordination other;

    @BeforeEach
    void twoInstances() {
        otherPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(PgConnectOptions.fromUri(databaseUrl).setUser(databaseUser))
                .using(vertx).build();
        other = new Coordination(otherPool, "other-instance");
    }

    @AfterEach
    void closeOtherPool() {
        otherPool.closeAndAwait();
    }

    @Test
    void exactlyOneInstanceWinsAConsoleAtATime() {
        List<Uni<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            claims.add(ours.claimConsole("sim-01", LEASE).map(Optional::isPresent));
            claims.add(other.claimConsole("sim-01", LEASE).map(Optional::isPresent));
        }
        List<Boolean> results = Uni.join().all(claims).andFailFast().await().atMost(Duration.ofSeconds(10));

        // Re-claiming one's own lease is allowed, so only one instance may ever win.
        boolean oursWon = results.get(0);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i)).as("claim %d", i).isEqualTo(i % 2 == 0 ? oursWon : !oursWon);
        }
    }

    @Test
    void oneStatementClaimsEveryConsoleOfARunThatNoOtherInstanceHolds() {
        assertThat(other.claimConsole("sim-06", LEASE).await().atMost(Duration.ofSeconds(5))).isPresent();

        Map<String, PageDigests> held = ours.claimConsoles(Map.of("sim-06", LEASE, "sim-07", LEASE, "sim-08", LEASE))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(held).containsOnlyKeys("sim-07", "sim-08").containsValue(PageDigests.NONE);
        assertThat(database.count("select count(*) from console_state where claimed_by is not null "
                + "and console in ('sim-07', 'sim-08')")).isEqualTo(2);
        assertThat(other.claimConsole("sim-07", LEASE).await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void anExpiredLeaseOfADeadInstanceIsTakenOver() {
        assertThat(other.claimConsole("sim-02", Duration.ofMillis(1)).await().atMost(Duration.ofSeconds(5))).isPresent();
        database.execute("update console_state set claimed_until = now() - interval '1 second' where console = $1",
                "sim-02");

        assertThat(ours.claimConsole("sim-02", LEASE).await().atMost(Duration.ofSeconds(5))).isPresent();
        assertThat(other.claimConsole("sim-02", LEASE).await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aRefreshSkipsAConsoleAnotherInstanceIsFetchingAndReleasesTheRest() {
        assertThat(other.claimConsole("sim-03", LEASE).await().atMost(Duration.ofSeconds(5))).isPresent();

        var run = refresh();

        assertThat(outcomeOf(run, "sim-03")).containsEntry("outcome", "SKIPPED");
        assertThat(simulator.console("sim-03").requests()).isZero();
        assertThat(outcomeOf(run, "sim-04")).containsEntry("outcome", "UPDATED");
        assertThat(database.count("select count(*) from console_state where claimed_by is not null")).isEqualTo(1);
        assertThat(database.count("select count(*) from fetch_attempt where console = 'sim-03'")).isZero();
    }

    @Test
    void aConsoleHeldByAnInstanceWhoseConnectionDiesIsFetchedByTheNextRefreshAtOnce() {
        try (TcpProxy link = new TcpProxy(5432)) {
            Pool doomedPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                    .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(link.port())
                            .setDatabase(databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1)).setUser(databaseUser))
                    .using(vertx).build();
            Coordination doomed = new Coordination(doomedPool, "doomed-instance");
            assertThat(doomed.claimConsole("sim-05", LEASE).await().atMost(Duration.ofSeconds(5))).isPresent();
            assertThat(outcomeOf(refresh("sim-05"), "sim-05")).containsEntry("outcome", "SKIPPED");

            // the instance vanishes without a goodbye, as under kill -9: its sockets just close
            link.cut();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(
                    () -> assertThat(outcomeOf(refresh("sim-05"), "sim-05")).containsEntry("outcome", "UPDATED"));
            doomedPool.close();
        }
    }

    @Test
    void theScheduledRunHappensOncePerIntervalAcrossInstances() {
        Duration interval = Duration.ofMinutes(15);
        assertThat(ours.claimScheduledRun(interval).await().atMost(Duration.ofSeconds(5))).isTrue();
        assertThat(other.claimScheduledRun(interval).await().atMost(Duration.ofSeconds(5))).isFalse();
        assertThat(ours.claimScheduledRun(interval).await().atMost(Duration.ofSeconds(5))).isFalse();

        database.execute("update refresh_schedule set last_started_at = now() - interval '15 minutes'");
        assertThat(other.claimScheduledRun(interval).await().atMost(Duration.ofSeconds(5))).isTrue();
    }
}
