package io.licensegateway.query;

import io.licensegateway.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
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
    @APIResponse(responseCode = "200", description = "All configured consoles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsoleList.class),
                    examples = @ExampleObject(name = "consoles", value = """
                            {"data":[{"name":"eu-1","url":"https://vac-eu1.example.com:1281","api":"v2","enabled":true,
                            "state":"OK","breaker":"CLOSED","asOf":"2026-11-26T07:00:01Z","snapshotId":17,
                            "licenseCount":1000,"lastAttemptAt":"2026-11-26T07:00:01Z","lastOutcome":"UPDATED",
                            "lastSuccessAt":"2026-11-26T07:00:01Z"},
                            {"name":"us-2","url":"https://vspc-us2.example.com:1280","api":"v3","enabled":true,
                            "state":"CIRCUIT_OPEN","breaker":"OPEN","asOf":"2026-11-25T22:00:03Z","snapshotId":9,
                            "licenseCount":420,"lastAttemptAt":"2026-11-26T07:00:02Z","lastOutcome":"FAILED",
                            "lastSuccessAt":"2026-11-25T22:00:03Z","lastErrorKind":"SERVER_ERROR",
                            "lastError":"HTTP 520 from GET /api/v3/licensing/sites"}]}""")))
    public Uni<ConsoleList> list() {
        return statuses.all().map(ConsoleList::new);
    }
}
