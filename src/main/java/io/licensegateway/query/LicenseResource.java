package io.licensegateway.query;

import io.licensegateway.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;

import io.licensegateway.web.Problem;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

@Path("/api/v1/licenses")
@Tag(name = "Licenses", description = "The merged licenses of every console's latest good snapshot")
@RolesAllowed(Role.READ)
public class LicenseResource {

    static final String CSV = "text/csv";

    private final LicenseQueries queries;
    private final SummaryQueries summaries;
    private final LicenseHistoryQueries histories;

    LicenseResource(LicenseQueries queries, SummaryQueries summaries, LicenseHistoryQueries histories) {
        this.queries = queries;
        this.summaries = summaries;
        this.histories = histories;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merged licenses, filtered, sorted and paged",
            description = "Filters combine with AND; repeatable filters (console, status, edition, licenseType) match "
                    + "any of their values. Send Accept: text/csv (or format=csv) for CSV of the whole selection.")
    @Parameters({
            @Parameter(name = "console", in = ParameterIn.QUERY, description = "Console name; repeatable", example = "sim-1"),
            @Parameter(name = "status", in = ParameterIn.QUERY, description = "Valid, Warning, Error, Expired, …; repeatable, case-insensitive", example = "Valid"),
            @Parameter(name = "edition", in = ParameterIn.QUERY, description = "Standard, Enterprise, Enterprise Plus; repeatable", example = "Enterprise Plus"),
            @Parameter(name = "licenseType", in = ParameterIn.QUERY, description = "Rental, Subscription, Perpetual, NFR, Evaluation, …; repeatable", example = "Rental"),
            @Parameter(name = "company", in = ParameterIn.QUERY, description = "Substring of companyName, case-insensitive", example = "acme"),
            @Parameter(name = "licensedTo", in = ParameterIn.QUERY, description = "Substring of licensedTo, case-insensitive"),
            @Parameter(name = "q", in = ParameterIn.QUERY, description = "Substring of company, licensedTo, contactPerson, e-mails or backupServerName"),
            @Parameter(name = "expiresBefore", in = ParameterIn.QUERY, description = "Date or date-time", example = "2027-01-01"),
            @Parameter(name = "expiresAfter", in = ParameterIn.QUERY, description = "Date or date-time", example = "2026-11-26T00:00:00Z"),
            @Parameter(name = "supportExpiresBefore", in = ParameterIn.QUERY, description = "Date or date-time"),
            @Parameter(name = "sort", in = ParameterIn.QUERY, description = "Comma list of fields, '-' for descending; console,id always end the order", example = "-licenseExpirationDate,companyName"),
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..1000, default 100", example = "100"),
            @Parameter(name = "offset", in = ParameterIn.QUERY, description = "Rows to skip (not with cursor)", example = "0"),
            @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "meta.nextCursor of the previous page: keyset paging over the same snapshots"),
            @Parameter(name = "fields", in = ParameterIn.QUERY, description = "Sparse fields; console and id always included", example = "companyName,status,licenseExpirationDate"),
            @Parameter(name = "format", in = ParameterIn.QUERY, description = "csv = the same as Accept: text/csv") })
    @APIResponse(responseCode = "200", description = "A page; ETag header set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LicensePage.class),
                    examples = @ExampleObject(name = "page", value = """
                            {"data":[{"console":"eu-1","id":"514c45eb-9543-4799-8003-1e59385b774c","companyName":"My Company",
                            "status":"Valid","licenseExpirationDate":"2027-10-24T21:00:00Z"}],
                            "meta":{"total":1,"limit":100,"offset":0,"consoles":[{"name":"eu-1","state":"OK",
                            "asOf":"2026-11-26T07:00:00Z","snapshotId":17}]}}""")))
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag")
    @APIResponse(responseCode = "400", description = "A bad parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad limit", value = """
                            {"type":"urn:license-gateway:problem:bad-parameter","title":"Bad parameter","status":400,
                            "detail":"limit: '0' is not a whole number from 1 to 1000","instance":"/api/v1/licenses",
                            "errors":[{"parameter":"limit","message":"'0' is not a whole number from 1 to 1000"}]}""")))
    @APIResponse(responseCode = "410", description = "The cursor's snapshots were pruned",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(@Context UriInfo uri, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return queries.page(uri.getQueryParameters(), ifNoneMatch)
                .map(answer -> (answer.page() == null ? Response.notModified() : Response.ok(answer.page()))
                        .header(HttpHeaders.ETAG, answer.etag()).build());
    }

    @GET
    // qs below 1: JSON wins when the client accepts anything
    @Produces("text/csv;qs=0.5")
    @Operation(summary = "The same selection as CSV (RFC 4180, header row), streamed; no paging")
    public Multi<String> csv(@Context UriInfo uri) {
        return queries.csv(uri.getQueryParameters());
    }

    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Totals over the same filters: licensed vs used per counter, utilization, expiry",
            description = "Takes every filter of GET /api/v1/licenses plus groupBy and asOf.")
    @Parameters({
            @Parameter(name = "groupBy", in = ParameterIn.QUERY, description = "console, edition, licenseType, status "
                    + "or company; absent = one total", example = "edition"),
            @Parameter(name = "asOf", in = ParameterIn.QUERY, description = "Date or date-time: the summary of the "
                    + "view then (each console's snapshot current then; expiry counted from then); 410 before the "
                    + "kept history (gateway.history.retention)", example = "2026-11-03T00:00:00Z") })
    @APIResponse(responseCode = "200", description = "One group per key (key null = everything)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Summary.class),
                    examples = @ExampleObject(name = "by edition", value = """
                            {"groupBy":"edition","groups":[{"key":"Enterprise Plus","licenses":305,"counters":{
                            "vms":{"licensed":0,"used":0,"utilization":null},
                            "cloudconnectBackups":{"licensed":156461,"used":73462,"utilization":0.4695},
                            "cloudconnectReplicas":{"licensed":61000,"used":30500,"utilization":0.5},
                            "cloudconnectServers":{"licensed":30000,"used":15000,"utilization":0.5},
                            "cloudconnectWorkstations":{"licensed":45000,"used":22000,"utilization":0.4889},
                            "instances":{"licensed":260000,"used":130000.5,"utilization":0.5}},
                            "expired":26,"expiringWithin30Days":6,"expiringWithin60Days":12,"expiringWithin90Days":16}],
                            "consoles":[{"name":"eu-1","api":"v2","state":"OK","asOf":"2026-11-26T07:00:01Z","snapshotId":17}]}""")))
    @APIResponse(responseCode = "400", description = "A bad parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "asOf lies before the kept history",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Summary> summary(@Context UriInfo uri) {
        return summaries.summarise(uri.getQueryParameters());
    }

    @GET
    @Path("/{console}/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One license from its console's current snapshot")
    @APIResponse(responseCode = "200", description = "The license, every field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "license", value = """
                    {"console":"eu-1","id":"514c45eb-9543-4799-8003-1e59385b774c","companyName":"My Company",
                    "licensedTo":"Cloud Provider AG","edition":"Enterprise Plus","licenseType":"Rental","status":"Valid",
                    "licenseExpirationDate":"2027-10-24T21:00:00Z","licensedCloudconnectBackups":501,
                    "usedCloudconnectBackups":213,"totalInstances":1000,"usedInstances":521,
                    "asOf":"2026-11-26T07:00:01Z","snapshotId":17}""")))
    @APIResponse(responseCode = "404", description = "No such license",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Map<String, Object>> one(@PathParam("console") String console, @PathParam("id") String id) {
        return queries.one(console, id);
    }

    @GET
    @Path("/{console}/{id}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every kept version of one license, oldest first",
            description = "Each version: when it became current (validFrom) and stopped being (validTo, null while "
                    + "current), the license as served then, and the fields changed from the previous kept version "
                    + "(empty for the oldest). Paged with limit and meta.nextCursor, as of one pinned time.")
    @Parameters({
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..1000, default 100", example = "100"),
            @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "meta.nextCursor of the previous page") })
    @APIResponse(responseCode = "200", description = "One page of versions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LicenseHistoryPage.class),
                    examples = @ExampleObject(name = "history", value = """
                            {"data":[{"validFrom":"2026-11-01T07:00:01Z","validTo":"2026-11-03T07:00:02Z","changed":[],
                            "license":{"console":"eu-1","id":"514c45eb-9543-4799-8003-1e59385b774c","status":"Valid",
                            "usedInstances":500,"asOf":"2026-11-03T06:45:00Z","snapshotId":12}},
                            {"validFrom":"2026-11-03T07:00:02Z","validTo":null,"changed":["status","usedInstances"],
                            "license":{"console":"eu-1","id":"514c45eb-9543-4799-8003-1e59385b774c","status":"Warning",
                            "usedInstances":521,"asOf":"2026-11-26T07:00:01Z","snapshotId":17}}],
                            "meta":{"limit":100,"asOf":"2026-11-26T07:10:00Z"}}""")))
    @APIResponse(responseCode = "400", description = "A bad parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No kept version of such a license",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LicenseHistoryPage> history(@PathParam("console") String console, @PathParam("id") String id,
            @Context UriInfo uri) {
        return histories.history(console, id, uri.getQueryParameters());
    }
}
