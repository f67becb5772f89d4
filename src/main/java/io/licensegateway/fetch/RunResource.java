package io.licensegateway.fetch;

import io.licensegateway.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

import io.licensegateway.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/runs")
@Tag(name = "Runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class RunResource {

    private final RunRepository runs;

    RunResource(RunRepository runs) {
        this.runs = runs;
    }

    public record RunPage(List<RunReport> data, Meta meta) {
        public record Meta(int limit, int offset) {
        }
    }

    @GET
    @Operation(summary = "Fetch history, newest first")
    public Uni<RunPage> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return runs.list(limit, offset).map(data -> new RunPage(data, new RunPage.Meta(limit, offset)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run with every console's outcome")
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<RunReport> get(@PathParam("id") long id) {
        return runs.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("There is no run " + id));
    }
}
