package io.licensegateway.query;

import io.licensegateway.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/consoles")
@Tag(name = "Consoles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class ConsoleResource {

    private final ConsoleStatuses statuses;

    ConsoleResource(ConsoleStatuses statuses) {
        this.statuses = statuses;
    }

    public record ConsoleList(List<ConsoleStatus> data) {
    }

    @GET
    @Operation(summary = "Every console: url, api, state, breaker, current snapshot and last attempt")
    public Uni<ConsoleList> list() {
        return statuses.all().map(ConsoleList::new);
    }
}
