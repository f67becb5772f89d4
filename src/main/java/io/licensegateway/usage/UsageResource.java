package io.licensegateway.usage;

import java.util.ArrayList;
import java.util.List;

import io.licensegateway.security.Role;
import io.licensegateway.web.Csv;
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
            @Parameter(name = "console", in = ParameterIn.QUERY, description = "Console name; repeatable") })
    @APIResponse(responseCode = "200", description = "The month",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MonthlyUsage.class),
                    examples = @ExampleObject(name = "by company", value = """
                            {"month":"2026-11","timeZone":"UTC","from":"2026-11-01T00:00:00Z","until":"2026-12-01T00:00:00Z",
                            "partial":false,"groupBy":"company","groups":[{"key":"contoso","name":"Contoso GmbH","licenses":2,
                            "consoles":["eu-1","us-1"],"coverage":0.95,"daysWithData":27,"counters":{"instances":{
                            "licensed":300,"peakUsed":250,"usedAtEnd":180,"peakTotal":200}}}],
                            "consoles":[{"name":"eu-1","coverage":0.9,"daysWithData":27,"gaps":[
                            {"from":"2026-11-10T00:00:00Z","until":"2026-11-13T00:00:00Z"}]}]}""")))
    @APIResponse(responseCode = "400", description = "A bad parameter (month missing, malformed or not begun)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MonthlyUsage> monthly(@Context UriInfo uri) {
        return queries.monthly(uri.getQueryParameters());
    }

    @GET
    @Path("/monthly")
    @Produces("text/csv;qs=0.5")
    @Operation(summary = "The same month as CSV: one line per group, four columns per counter")
    public Uni<String> monthlyCsv(@Context UriInfo uri) {
        return queries.monthly(uri.getQueryParameters()).map(UsageResource::csv);
    }

    static String csv(MonthlyUsage usage) {
        List<String> header = new ArrayList<>(List.of("month", "partial", "groupBy", "key", "name", "licenses",
                "consoles", "coverage", "daysWithData"));
        for (UsageQueries.Counter counter : UsageQueries.COUNTERS) {
            for (String figure : List.of("Licensed", "PeakUsed", "UsedAtEnd", "PeakTotal")) {
                header.add(counter.name() + figure);
            }
        }
        StringBuilder csv = new StringBuilder(Csv.line(header));
        for (MonthlyUsage.Group group : usage.groups()) {
            List<Object> line = new ArrayList<>(List.of(usage.month(), usage.partial(), usage.groupBy()));
            line.add(group.key());
            line.add(group.name());
            line.add(group.licenses());
            line.add(String.join(" ", group.consoles()));
            line.add(group.coverage());
            line.add(group.daysWithData());
            MonthlyUsage.Counters c = group.counters();
            for (MonthlyUsage.Counter counter : List.of(c.instances(), c.vms(), c.cloudconnectBackups(),
                    c.cloudconnectReplicas(), c.cloudconnectServers(), c.cloudconnectWorkstations())) {
                line.add(counter.licensed());
                line.add(counter.peakUsed());
                line.add(counter.usedAtEnd());
                line.add(counter.peakTotal());
            }
            csv.append(Csv.line(line));
        }
        return csv.toString();
    }
}
