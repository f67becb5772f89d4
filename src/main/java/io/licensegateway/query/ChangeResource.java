package io.licensegateway.query;

import io.licensegateway.security.Role;
import io.licensegateway.web.Problem;
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

@Path("/api/v1/changes")
@Tag(name = "Changes", description = "What changed between refreshes, derived from the kept license versions")
@RolesAllowed(Role.READ)
public class ChangeResource {

    private final ChangeFeed feed;

    ChangeResource(ChangeFeed feed) {
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes between refreshes, oldest first",
            description = "Licenses added, removed (gone from a complete fetch), and per new version one entry for each "
                    + "kind of field that moved, with old and new values. Ordered by (at, console, id, kind). "
                    + "meta.nextCursor is always set: poll with it to see every change exactly once.")
    @Parameters({
            @Parameter(name = "since", in = ParameterIn.QUERY, description = "Date or date-time, exclusive; absent = "
                    + "from the start of the kept history", example = "2026-11-25T00:00:00Z"),
            @Parameter(name = "until", in = ParameterIn.QUERY, description = "Date or date-time, inclusive; absent or "
                    + "later = the latest time no running refresh can still change"),
            @Parameter(name = "console", in = ParameterIn.QUERY, description = "Console name; repeatable", example = "eu-1"),
            @Parameter(name = "company", in = ParameterIn.QUERY, description = "Substring of companyName, case-insensitive "
                    + "(of the new version; of the last one for a removal)", example = "acme"),
            @Parameter(name = "kind", in = ParameterIn.QUERY, description = "added, removed, status, edition, "
                    + "licenseType, expiration, supportExpiration, usage, other; repeatable", example = "status"),
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..1000, default 100", example = "100"),
            @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "meta.nextCursor of the previous page "
                    + "(it carries since and until)") })
    @APIResponse(responseCode = "200", description = "A page of changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangePage.class),
                    examples = @ExampleObject(name = "changes", value = """
                            {"data":[{"at":"2026-11-26T07:00:01Z","console":"eu-1","id":"514c45eb-9543-4799-8003-1e59385b774c",
                            "kind":"status","companyName":"My Company","changes":{"status":{"old":"Valid","new":"Warning"}}},
                            {"at":"2026-11-26T07:00:01Z","console":"eu-1","id":"514c45eb-9543-4799-8003-1e59385b774c",
                            "kind":"usage","companyName":"My Company","changes":{"usedInstances":{"old":500,"new":521}}}],
                            "meta":{"since":"2026-11-25T00:00:00Z","until":"2026-11-26T07:10:00Z","limit":100,
                            "more":false,"nextCursor":"eyJhdCI6bnVsbC…"}}""")))
    @APIResponse(responseCode = "400", description = "A bad parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "since (or the cursor's) lies before the kept history",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ChangePage> changes(@Context UriInfo uri) {
        return feed.changes(uri.getQueryParameters());
    }
}
