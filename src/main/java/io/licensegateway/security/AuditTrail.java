package io.licensegateway.security;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.licensegateway.database.DatabaseFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes and reads the audit trail ({@code audit_event}) and counts every event in {@code gateway_audit_events_total}
 * (labels {@code kind} and {@code outcome} only, both from fixed lists). The counter moves even when the database is
 * away, so an operator can alert on failed authentications during an outage too.
 */
@ApplicationScoped
public class AuditTrail {

    private final Pool pool;
    private final MeterRegistry registry;

    AuditTrail(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    /**
     * Stores the event. A failed write is logged with the event (the log then is the trail) and does not fail the
     * request it describes.
     */
    public Uni<Void> record(AuditEvent event) {
        count(event);
        return pool.preparedQuery("insert into audit_event (kind, outcome, principal, credential, address, detail) "
                + "values ($1, $2, $3, $4, $5, $6)").execute(Tuple.tuple(values(event))).replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    lost(event, failure);
                    return Uni.createFrom().voidItem();
                });
    }

    void count(AuditEvent event) {
        Counter.builder("gateway.audit.events")
                .description("Audit events: failed and locked-out authentications, admin actions")
                .tags("kind", event.kind(), "outcome", event.outcome())
                .register(registry).increment();
    }

    static void lost(AuditEvent event, Throwable failure) {
        Log.warnf("Audit event not stored (%s): kind=%s outcome=%s principal=%s credential=%s address=%s detail=%s",
                DatabaseFailures.describe(failure), event.kind(), event.outcome(), event.principal(), event.credential(),
                event.address(), event.detail());
    }

    /** The event's values for the columns of its insert, in the order of {@code kind, outcome, principal, credential, address, detail}. */
    static List<Object> values(AuditEvent event) {
        return Arrays.asList(event.kind(), event.outcome(), event.principal(), event.credential(), event.address(),
                event.detail());
    }

    /** Newest first; {@code before} is the id to continue below (keyset paging), null for the newest. */
    Uni<List<AuditEvent>> list(String kind, String outcome, OffsetDateTime since, Long before, int limit) {
        return pool.preparedQuery("""
                select * from audit_event
                where ($1::text is null or kind = $1) and ($2::text is null or outcome = $2)
                  and ($3::timestamptz is null or at >= $3) and ($4::bigint is null or id < $4)
                order by id desc limit $5""")
                .execute(Tuple.tuple(Arrays.asList(kind, outcome, since, before, limit)))
                .map(rows -> {
                    List<AuditEvent> events = new ArrayList<>();
                    for (Row r : rows) {
                        events.add(new AuditEvent(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("kind"),
                                r.getString("outcome"), r.getString("principal"), r.getString("credential"),
                                r.getString("address"), r.getString("detail")));
                    }
                    return events;
                });
    }
}
