package io.licensegateway.usage;


import io.licensegateway.security.Role;
import io.licensegateway.web.Problem;
import io.smallrye.mutiny.Multi;
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

@Path("/api/v1/usage")
@Tag(name = "Usage", description = "What was licensed and used per month, and how much of it the gateway saw")
@RolesAllowed(Role.READ)
public class UsageResource {

    private final UsageQueries queries;

    UsageResource(UsageQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/monthly")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Monthly usage per license, company, console or edition",
            description = "Per group and counter: licensed and used at month end, peak used (sum of each license's "
                    + "peak) and peak total (the group's highest total at one instant); coverage and gaps of fresh "
                    + "data per console. Send Accept: text/csv for CSV.")
    @Parameters({
            @Parameter(name = "month", in = ParameterIn.QUERY, required = true, description = "yyyy-MM, in gateway.usage.time-zone", example = "2026-11"),
            @Parameter(name = "groupBy", in = ParameterIn.QUERY, description = "license (default), company, console or edition", example = "company"),
            @Parameter(name = "console", in = ParameterIn.QUERY, description = "Console name; repeatable"),
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Groups per page, 1..10000, default 1000 (JSON only)"),
            @Parameter(name = "after", in = ParameterIn.QUERY, description = "meta: the nextAfter of the previous page (JSON only)") })
    @APIResponse(responseCode = "200", description = "The month",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MonthlyUsage.class),
                    examples = @ExampleObject(name = "by company", value = """
                            {"month":"2026-11","timeZone":"UTC","from":"2026-11-01T00:00:00Z","until":"2026-12-01T00:00:00Z",
                            "partial":false,"groupBy":"company","groups":[{"key":"contoso","name":"Contoso GmbH","licenses":2,
                            "consoles":["eu-1","us-1"],"coverage":0.95,"daysWithData":27,"counters":{"instances":{
                            "licensed":300,"peakUsed":250,"usedAtEnd":180,"peakTotal":200}}}],
                            "consoles":[{"name":"eu-1","coverage":0.9,"daysWithData":27,"gaps":[
                            {"from":"2026-11-10T00:00:00Z","until":"2026-11-13T00:00:00Z"}]}],"nextAfter":"contoso"}""")))
    @APIResponse(responseCode = "400", description = "A bad parameter (month missing, malformed or not begun)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MonthlyUsage> monthly(@Context UriInfo uri) {
        return queries.monthly(uri.getQueryParameters());
    }

    @GET
    @Path("/monthly")
    @Produces("text/csv;qs=0.5")
    @Operation(summary = "The same month as CSV, streamed: one line per group (every group), four columns per counter")
    public Multi<String> monthlyCsv(@Context UriInfo uri) {
        return queries.csv(uri.getQueryParameters());
    }
}
