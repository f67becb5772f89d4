package io.licensegateway.security;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import io.licensegateway.web.Documented;
import io.licensegateway.web.Problem;
import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.WRITE)
public class AuditResource {

    private final AuditTrail audit;

    AuditResource(AuditTrail audit) {
        this.audit = audit;
    }

    public record AuditPage(List<AuditEvent> data, Meta meta) {
        /** {@code nextBefore}: pass it as {@code before} for the next (older) page; null on the last page. */
        public record Meta(int limit, Long nextBefore) {
        }
    }

    @GET
    @AdminAction
    @Operation(summary = "Audit trail, newest first: failed authentications and admin actions")
    @APIResponse(responseCode = "200", description = "Events and the keyset cursor of the next page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class),
                    examples = @ExampleObject(name = "events", value = """
                            {"data":[{"id":42,"at":"2026-11-26T07:00:03Z","kind":"refresh","outcome":"success",
                            "principal":"oidc:7f1c0c2e","address":"203.0.113.7","detail":"POST /api/v1/refresh -> 200","count":1},
                            {"id":41,"at":"2026-11-26T06:59:58Z","kind":"authentication","outcome":"failure",
                            "principal":"vac:billing","credential":"password","address":"198.51.100.23","detail":"POST /token",
                            "count":7,"firstAt":"2026-11-26T06:59:51Z"}],
                            "meta":{"limit":2,"nextBefore":41}}""")))
    @APIResponse(responseCode = "400", description = "Unknown kind or outcome, bad since, before or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Needs the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = Documented.FORBIDDEN)))
    @Parameters({
            @Parameter(name = "kind", in = ParameterIn.QUERY, description = "authentication, refresh, read-audit, replace-aliases or remove-aliases"),
            @Parameter(name = "outcome", in = ParameterIn.QUERY,
                    description = "failure, locked (authentication); success, denied, refused, error (admin actions)"),
            @Parameter(name = "since", in = ParameterIn.QUERY, description = "events at or after this date or date-time",
                    example = "2026-11-26T00:00:00Z"),
            @Parameter(name = "before", in = ParameterIn.QUERY, description = "events with a smaller id (meta.nextBefore)"),
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..500, default 50", example = "50") })
    public Uni<AuditPage> readAudit(@Context UriInfo uri) {
        QueryParameters parameters = new QueryParameters(uri.getQueryParameters(),
                Set.of("kind", "outcome", "since", "before", "limit"));
        String kind = parameters.oneOf("kind", AuditEvent.KINDS.toArray(String[]::new));
        String outcome = parameters.oneOf("outcome", AuditEvent.OUTCOMES.toArray(String[]::new));
        OffsetDateTime since = parameters.dateTime("since");
        Long before = id(parameters.single("before"));
        int limit = parameters.integer("limit", 50, 1, 500);
        return audit.list(kind, outcome, since, before, limit).map(events -> new AuditPage(events,
                new AuditPage.Meta(limit, events.size() < limit ? null : events.get(events.size() - 1).id())));
    }

    private static Long id(String value) {
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badParameter("before", "'" + value + "' is not a positive whole number (meta.nextBefore)");
    }
}
