package io.licensegateway.notify;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.licensegateway.security.Role;
import io.licensegateway.web.Problem;
import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** The webhook outbox: what is pending, delivered and given up, with the last error. Admins only. */
@Path("/api/v1/notifications")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.WRITE)
public class NotificationResource {

    private static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "FAILED");

    /** One delivery of one event to one target; the event is the CloudEvent that was (or will be) sent. */
    public record Delivery(long id, String eventId, String target, String type, String console, String subject,
            OffsetDateTime createdAt, String status, int attempts, OffsetDateTime nextAttemptAt,
            OffsetDateTime lastAttemptAt, Integer lastStatus, String lastError, OffsetDateTime finishedAt,
            @JsonRawValue String event) {
    }

    public record Page(List<Delivery> data, Meta meta) {
        /** {@code counts}: deliveries by status over the whole outbox. */
        public record Meta(int limit, int offset, Map<String, Long> counts, List<String> targets) {
        }
    }

    private final Pool pool;
    private final Webhooks webhooks;

    NotificationResource(Pool pool, Webhooks webhooks) {
        this.pool = pool;
        this.webhooks = webhooks;
    }

    @GET
    @Operation(summary = "Webhook deliveries, newest first: pending, delivered and failed (given up), with the last error")
    @APIResponse(responseCode = "200", description = "Deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "Unknown status or target, limit outside 1..500",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Parameters({
            @Parameter(name = "status", in = ParameterIn.QUERY, description = "PENDING, DELIVERED or FAILED"),
            @Parameter(name = "target", in = ParameterIn.QUERY, description = "a configured webhook target"),
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..500, default 50", example = "50"),
            @Parameter(name = "offset", in = ParameterIn.QUERY, description = "deliveries to skip", example = "0") })
    public Uni<Page> list(@Context UriInfo uri) {
        QueryParameters parameters = new QueryParameters(uri.getQueryParameters(),
                Set.of("status", "target", "limit", "offset"));
        int limit = parameters.integer("limit", 50, 1, 500);
        int offset = parameters.integer("offset", 0, 0, Integer.MAX_VALUE);
        String status = parameters.single("status");
        if (status != null) {
            status = status.toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                throw ProblemException.badParameter("status", "must be one of PENDING, DELIVERED, FAILED");
            }
        }
        String target = parameters.single("target");
        if (target != null && webhooks.target(target) == null) {
            throw ProblemException.badParameter("target", "is not a configured webhook target");
        }
        String finalStatus = status;
        return pool.preparedQuery("""
                select * from webhook_delivery where ($1::text is null or status = $1) and ($2::text is null or target = $2)
                order by created_at desc, id desc limit $3 offset $4""")
                .execute(Tuple.of(finalStatus, target, limit, offset))
                .flatMap(rows -> pool.query("select status, count(*) from webhook_delivery group by status").execute()
                        .map(counts -> {
                            Map<String, Long> byStatus = new LinkedHashMap<>();
                            List.of("PENDING", "DELIVERED", "FAILED").forEach(s -> byStatus.put(s, 0L));
                            counts.forEach(r -> byStatus.put(r.getString(0), r.getLong(1)));
                            List<Delivery> data = new ArrayList<>();
                            rows.forEach(r -> data.add(delivery(r)));
                            return new Page(data, new Page.Meta(limit, offset, byStatus,
                                    webhooks.targets().stream().map(Webhooks.Target::name).toList()));
                        }));
    }

    private static Delivery delivery(Row r) {
        return new Delivery(r.getLong("id"), r.getUUID("event_id").toString(), r.getString("target"),
                r.getString("event_type"), r.getString("console"), r.getString("subject"),
                r.getOffsetDateTime("created_at"), r.getString("status"), r.getInteger("attempts"),
                r.getOffsetDateTime("next_attempt_at"), r.getOffsetDateTime("last_attempt_at"),
                r.getInteger("last_status"), r.getString("last_error"), r.getOffsetDateTime("finished_at"),
                r.getString("body"));
    }
}
