package io.licensegateway.fetch;

import io.licensegateway.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Set;

import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.licensegateway.web.Documented;
import io.licensegateway.web.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/runs")
@Tag(name = "Runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class RunResource {

    private final RunHistory runs;

    RunResource(RunHistory runs) {
        this.runs = runs;
    }

    static final String RUN_EXAMPLE = """
            {"id":12,"trigger":"MANUAL","requestedConsole":null,"startedAt":"2026-11-26T07:00:00Z",
            "finishedAt":"2026-11-26T07:00:02Z","consoles":[
            {"console":"eu-1","outcome":"UPDATED","attempts":1,"startedAt":"2026-11-26T07:00:00Z","durationMs":812,
            "errorKind":null,"error":null,"licenseCount":1000,"snapshotId":17},
            {"console":"us-2","outcome":"FAILED","attempts":4,"startedAt":"2026-11-26T07:00:00Z","durationMs":2100,
            "errorKind":"SERVER_ERROR","error":"HTTP 503 from GET /v2/licensing/cloudconnectLicenses",
            "licenseCount":null,"snapshotId":null}],"requestedBy":"api-key:ops"}""";

    public record RunPage(List<RunReport> data, Meta meta) {
        public record Meta(int limit, int offset) {
        }
    }

    @GET
    @Operation(summary = "Fetch history, newest first")
    @APIResponse(responseCode = "200", description = "Runs with their console outcomes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunPage.class)))
    @APIResponse(responseCode = "400", description = "limit outside 1..200 or negative offset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Parameters({
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..200, default 20", example = "20"),
            @Parameter(name = "offset", in = ParameterIn.QUERY, description = "runs to skip", example = "0") })
    public Uni<RunPage> list(@Context UriInfo uri) {
        QueryParameters parameters = new QueryParameters(uri.getQueryParameters(), Set.of("limit", "offset"));
        int limit = parameters.integer("limit", 20, 1, 200);
        int offset = parameters.integer("offset", 0, 0, Integer.MAX_VALUE);
        return runs.page(limit, offset).map(data -> new RunPage(data, new RunPage.Meta(limit, offset)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run with every console's outcome")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunReport.class),
                    examples = @ExampleObject(name = "run", value = RUN_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = Documented.NOT_FOUND)))
    public Uni<RunReport> get(@PathParam("id") long id) {
        return runs.one(id).onItem().ifNull().failWith(() -> ProblemException.notFound("There is no run " + id));
    }
}
