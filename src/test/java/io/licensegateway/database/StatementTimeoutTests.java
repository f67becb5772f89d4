package io.licensegateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/** The API's connections cancel a statement that runs past gateway.database.statement-timeout; refresh writes' do not. */
@QuarkusTest
class StatementTimeoutTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    @Writes
    Pool writes;

    @Test
    void theApiPoolCarriesTheTimeoutAndTheWritePoolNone() {
        assertThat(setting(pool)).isEqualTo("30s");
        assertThat(setting(writes)).isEqualTo("0");
    }

    @Test
    void aStatementPastTheTimeoutIsCancelledAndCountsAsTheDatabaseBeingUnavailable() {
        // a reading statement that would take longer than the timeout; set local lowers it for this transaction only
        Throwable failure = catchThrowable(() -> pool.withTransaction(connection -> connection
                .query("set local statement_timeout = '200ms'").execute()
                .flatMap(ignored -> connection.query("select pg_sleep(5)").execute()))
                .await().atMost(WAIT));

        assertThat(failure).hasMessageContaining("57014");
        assertThat(DatabaseFailures.unavailable(failure)).isTrue();
    }

    private static String setting(Pool pool) {
        return pool.query("show statement_timeout").execute().await().atMost(WAIT).iterator().next().getString(0);
    }
}
