package io.licensegateway.fetch;

import java.time.Duration;
import java.time.OffsetDateTime;

import io.licensegateway.console.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records when a console had fresh data ({@code console_coverage}, V17): a successful fetch at t covers the console
 * until the next success or t + 2 × {@code gateway.refresh.interval}, whichever is first. Successes within that window
 * of each other extend one stretch; a later one starts a new stretch, and the time between is a gap in the monthly
 * usage. Written in the transaction that stores the fetch, after its console row was locked, so stretches of one
 * console never race.
 */
@ApplicationScoped
public class Coverage {

    static final String RECORD = """
            with extended as (
                update console_coverage c set last_success = $2, fresh_until = $2 + $3 * interval '1 millisecond'
                where c.console = $1 and c.fresh_until >= $2 and c.last_success <= $2
                  and c.first_success = (select max(first_success) from console_coverage where console = $1)
                returning 1)
            insert into console_coverage (console, first_success, last_success, fresh_until)
            select $1, $2, $2, $2 + $3 * interval '1 millisecond' where not exists (select 1 from extended)""";

    private final Duration window;

    Coverage(GatewayConfig config) {
        this.window = config.refresh().interval().multipliedBy(2);
    }

    /** A successful fetch of {@code console} stored at {@code at}. */
    public Uni<Void> record(SqlConnection connection, String console, OffsetDateTime at) {
        return connection.preparedQuery(RECORD).execute(Tuple.of(console, at, window.toMillis()))
                .replaceWithVoid();
    }
}
