package io.licensegateway.notify;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code console.failing} and {@code console.recovered}, derived in the transaction that records a console's attempt
 * ({@code fetch/AttemptRecorder}), before its state is updated: failing when an attempt fails after one that succeeded
 * (or as the first attempt ever), recovered when one succeeds after one that failed. A console that keeps failing
 * raises nothing more.
 */
@ApplicationScoped
public class ConsoleEvents {

    private static final Set<String> SUCCEEDED = Set.of("UPDATED", "UNCHANGED");

    private final Outbox outbox;

    ConsoleEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** {@code outcome} is the attempt's {@code Outcome} name; error kind and message only when it failed. */
    public Uni<Void> afterAttempt(SqlConnection connection, String console, String outcome, String errorKind,
            String error, OffsetDateTime at) {
        if (!outbox.wanted(EventType.CONSOLE_FAILING) && !outbox.wanted(EventType.CONSOLE_RECOVERED)) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("select last_outcome, last_success_at from console_state where console = $1 for update")
                .execute(Tuple.of(console))
                .flatMap(rows -> {
                    String previous = rows.size() == 0 ? null : rows.iterator().next().getString("last_outcome");
                    OffsetDateTime lastSuccess = rows.size() == 0 ? null
                            : rows.iterator().next().getOffsetDateTime("last_success_at");
                    boolean ok = SUCCEEDED.contains(outcome);
                    boolean wasOk = previous != null && SUCCEEDED.contains(previous);
                    EventType type;
                    if (!ok && (previous == null || wasOk)) {
                        type = EventType.CONSOLE_FAILING;
                    } else if (ok && previous != null && !wasOk) {
                        type = EventType.CONSOLE_RECOVERED;
                    } else {
                        return Uni.createFrom().voidItem();
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("console", console);
                    data.put("outcome", outcome);
                    data.put("previousOutcome", previous);
                    data.put("attemptedAt", Outbox.time(at));
                    if (type == EventType.CONSOLE_FAILING) {
                        data.put("errorKind", errorKind);
                        data.put("error", error);
                        data.put("lastSuccessAt", Outbox.time(lastSuccess));
                    }
                    return outbox.add(connection, List.of(new Outbox.Event(type, console, "consoles/" + console, data)));
                });
    }
}
