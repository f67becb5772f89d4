package io.licensegateway.security;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.licensegateway.database.DatabaseFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes and reads the audit trail ({@code audit_event}) and counts every event in {@code gateway_audit_events_total}
 * (labels {@code kind} and {@code outcome} only, both from fixed lists). The counter moves even when the database is
 * away, so an operator can alert on failed authentications during an outage too.
 * <p>
 * Refused authentications are aggregated, so a flood of them writes a handful of rows: equal events (outcome, who,
 * credential, address, request) share one row, inserted with the first of them and brought up to date (count, last
 * time) at most once per {@code throttle.fold-interval}, for {@code audit.aggregate-for}; then a new row starts.
 */
@ApplicationScoped
public class AuditTrail {

    /** Rows aggregated at once; further distinct events share one row without principal, address and request. */
    private static final int MAX_AGGREGATES = 10_000;

    private final Pool pool;
    private final MeterRegistry registry;
    private final SecurityConfig config;
    private final Vertx vertx;
    private final long timer;
    private final Map<AuditEvent, Aggregate> aggregates = new ConcurrentHashMap<>();

    AuditTrail(Pool pool, MeterRegistry registry, SecurityConfig config, Vertx vertx) {
        this.pool = pool;
        this.registry = registry;
        this.config = config;
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(config.throttle().foldInterval().toMillis(), ignored -> flush());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }

    /**
     * Counts a refused authentication into its aggregate; the first of an aggregate is stored at once, the others
     * with the next flush. Never fails.
     */
    Uni<Void> authentication(AuditEvent event) {
        count(event);
        Instant now = Instant.now();
        while (true) {
            Aggregate aggregate = aggregateOf(event);
            Boolean due = aggregate.add(now, config.throttle().foldInterval());
            if (due != null) {
                return due ? store(aggregate) : Uni.createFrom().voidItem();
            }
            aggregates.remove(aggregate.event, aggregate);
        }
    }

    private Aggregate aggregateOf(AuditEvent event) {
        Aggregate aggregate = aggregates.get(event);
        if (aggregate != null) {
            return aggregate;
        }
        AuditEvent key = aggregates.size() < MAX_AGGREGATES ? event
                : AuditEvent.of(event.kind(), event.outcome(), null, null, null, null);
        return aggregates.computeIfAbsent(key, Aggregate::new);
    }

    /** Stores what the aggregates counted since their last write; ends those whose row is old enough. */
    void flush() {
        Instant now = Instant.now();
        Duration span = config.audit().aggregateFor();
        aggregates.values().forEach(aggregate -> {
            if (aggregate.due()) {
                store(aggregate).subscribe().with(ignored -> { });
            } else if (aggregate.end(now, span)) {
                aggregates.remove(aggregate.event, aggregate);
            }
        });
    }

    private Uni<Void> store(Aggregate aggregate) {
        Aggregate.Pending pending = aggregate.take();
        if (pending == null) {
            return Uni.createFrom().voidItem();
        }
        AuditEvent event = aggregate.event;
        OffsetDateTime last = pending.last().atOffset(ZoneOffset.UTC);
        Uni<Long> inserted = pool.preparedQuery("insert into audit_event (kind, outcome, principal, credential, address, "
                        + "detail, count, first_at, at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id")
                .execute(Tuple.tuple(values(event)).addInteger(pending.count())
                        .addOffsetDateTime(pending.first().atOffset(ZoneOffset.UTC)).addOffsetDateTime(last))
                .map(rows -> rows.iterator().next().getLong(0));
        // a row pruned or deleted meanwhile is started anew
        Uni<Long> written = pending.id() == null ? inserted
                : pool.preparedQuery("update audit_event set count = count + $2, at = $3 where id = $1")
                .execute(Tuple.of(pending.id(), pending.count(), last))
                .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(pending.id()) : inserted);
        return written.invoke(id -> aggregate.stored(id, pending))
                .onFailure().invoke(failure -> {
                    aggregate.failed(pending);
                    Log.warnf("%d audit events not stored yet, kept for the next try (%s): kind=%s outcome=%s "
                            + "principal=%s credential=%s address=%s detail=%s", pending.count(),
                            DatabaseFailures.describe(failure), event.kind(), event.outcome(), event.principal(),
                            event.credential(), event.address(), event.detail());
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Equal refused authentications: those counted since the last write, and the row they are written to. */
    private static final class Aggregate {

        record Pending(Long id, int count, Instant first, Instant last) {
        }

        private final AuditEvent event;
        private Long id;
        private Instant rowStarted;
        private Instant written;
        private int count;
        private Instant first;
        private Instant last;
        private boolean writing;
        private boolean ended;

        Aggregate(AuditEvent event) {
            this.event = event;
        }

        /**
         * Counts one event: true when it is to be stored now (the first, or the first after a quiet interval), null
         * when this aggregate has ended.
         */
        synchronized Boolean add(Instant now, Duration interval) {
            if (ended) {
                return null;
            }
            count++;
            if (first == null) {
                first = now;
            }
            last = now;
            return !writing && (written == null || !written.plus(interval).isAfter(now));
        }

        synchronized boolean due() {
            return count > 0 && !writing;
        }

        synchronized Pending take() {
            if (count == 0 || writing) {
                return null;
            }
            writing = true;
            Pending pending = new Pending(id, count, first, last);
            count = 0;
            first = null;
            return pending;
        }

        synchronized void stored(long row, Pending pending) {
            if (id == null || id != row) {
                id = row;
                rowStarted = pending.first();
            }
            written = Instant.now();
            writing = false;
        }

        synchronized void failed(Pending pending) {
            count += pending.count();
            first = first == null || pending.first().isBefore(first) ? pending.first() : first;
            last = last == null || pending.last().isAfter(last) ? pending.last() : last;
            writing = false;
        }

        /** Ends the aggregate once its row is {@code span} old and everything counted is stored. */
        synchronized boolean end(Instant now, Duration span) {
            ended = count == 0 && !writing && rowStarted != null && !rowStarted.plus(span).isAfter(now);
            return ended;
        }
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

    private static void lost(AuditEvent event, Throwable failure) {
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
                                r.getString("address"), r.getString("detail"), r.getInteger("count"),
                                r.getOffsetDateTime("first_at")));
                    }
                    return events;
                });
    }
}
