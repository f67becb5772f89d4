package io.licensegateway.notify;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes events to the outbox ({@code webhook_delivery}, V15) in the caller's transaction: one row per event and
 * target that receives it, holding the CloudEvent exactly as it will be sent. The row commits with the snapshot or
 * attempt that caused the event, or not at all; {@link WebhookSender} delivers it later.
 */
@ApplicationScoped
public class Outbox {

    /** One event before it is addressed: its type, the console it concerns, its subject and its data. */
    public record Event(EventType type, String console, String subject, Map<String, Object> data) {
    }

    private final Webhooks webhooks;
    private final ObjectMapper json;

    Outbox(Webhooks webhooks, ObjectMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    public boolean wanted(EventType type) {
        return webhooks.wanted(type);
    }

    public Uni<Void> add(SqlConnection connection, List<Event> events) {
        List<String> ids = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> consoles = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Event event : events) {
            String id = UUID.randomUUID().toString();
            String body = cloudEvent(id, event, now);
            for (Webhooks.Target target : webhooks.targets()) {
                if (target.receives(event.type())) {
                    ids.add(id);
                    targets.add(target.name());
                    types.add(event.type().key());
                    consoles.add(event.console());
                    subjects.add(event.subject());
                    bodies.add(body);
                }
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                insert into webhook_delivery (event_id, target, event_type, console, subject, body)
                select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])""")
                .execute(Tuple.of(ids.stream().map(UUID::fromString).toArray(UUID[]::new), targets.toArray(String[]::new),
                        types.toArray(String[]::new), consoles.toArray(String[]::new), subjects.toArray(String[]::new),
                        bodies.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** CloudEvents 1.0, JSON structured mode. */
    private String cloudEvent(String id, Event event, OffsetDateTime now) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", id);
        envelope.put("source", "/license-gateway/consoles/" + event.console());
        envelope.put("type", event.type().type());
        envelope.put("subject", event.subject());
        envelope.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now));
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", event.data());
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " cannot be written as JSON", e);
        }
    }

    static String time(OffsetDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
