package io.licensegateway.fetch;

import io.licensegateway.security.AdminAction;
import io.licensegateway.security.Principals;
import io.licensegateway.security.Role;
import io.licensegateway.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.licensegateway.web.Documented;
import io.licensegateway.web.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/refresh")
@Tag(name = "Refresh")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.WRITE)
public class RefreshResource {

    private final RefreshService refresh;

    RefreshResource(RefreshService refresh) {
        this.refresh = refresh;
    }

    @POST
    @Operation(summary = "Fetch now", description = "Fetches all enabled consoles, or one, and answers when the run is over.")
    @APIResponse(responseCode = "200", description = "The run with every console's outcome",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunReport.class),
                    examples = @ExampleObject(name = "run", value = RunResource.RUN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Unknown or disabled console",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Needs the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = Documented.FORBIDDEN)))
    @APIResponse(responseCode = "409", description = "A refresh is already running on this instance",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @AdminAction
    public Uni<RunReport> refresh(@Parameter(description = "Only this console") @QueryParam("console") String console,
            @Context SecurityContext caller) {
        String requestedBy = Principals.describe(caller.getUserPrincipal());
        if (console == null) {
            return refresh.refreshAll(RunReport.Trigger.MANUAL, requestedBy);
        }
        return refresh.refreshOne(RunReport.Trigger.MANUAL, requestedBy, console)
                .onFailure(IllegalArgumentException.class)
                .transform(e -> ProblemException.badParameter("console", e.getMessage()));
    }
}
