package io.licensegateway.query;

import java.util.Map;

import io.licensegateway.security.Role;
import io.licensegateway.web.Problem;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The merged collection in VAC's own shape and query language, for existing VAC clients. */
@Path("/v2/licensing/cloudconnectLicenses")
@Tag(name = "VAC compatible")
@RolesAllowed(Role.READ)
public class VacCompatResource {

    private final VacCompatQueries queries;

    VacCompatResource(VacCompatQueries queries) {
        this.queries = queries;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "All consoles' Cloud Connect licenses as a bare array in the VAC v2 shape",
            description = "Each item carries the VAC v2 fields, a console field and _links.self pointing at the "
                    + "gateway. Streams every match unless $top is given.")
    @Parameters({
            @Parameter(name = "$filter", in = ParameterIn.QUERY, description = "OData: eq ne gt ge lt le, and or not, "
                    + "(), contains, substringof, startswith, endswith, tolower; datetime'…' or bare ISO dates",
                    example = "status eq 'Valid' and licenseExpirationDate lt datetime'2027-01-01T00:00:00'"),
            @Parameter(name = "$orderby", in = ParameterIn.QUERY, description = "Properties with asc/desc", example = "licenseExpirationDate desc"),
            @Parameter(name = "$top", in = ParameterIn.QUERY, description = "At most this many items", example = "100"),
            @Parameter(name = "$skip", in = ParameterIn.QUERY, description = "Skip this many items", example = "0"),
            @Parameter(name = "$select", in = ParameterIn.QUERY, description = "Only these properties", example = "id,companyName,status"),
            @Parameter(name = "setLinks", in = ParameterIn.QUERY, description = "false drops _links", example = "false") })
    @APIResponse(responseCode = "200", description = "A bare JSON array",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "licenses", value = """
                    [{"id":"514c45eb-9543-4799-8003-1e59385b774c","companyName":"My Company","licensedTo":"Cloud Provider AG",
                    "edition":"Enterprise Plus","licenseType":"Rental","status":"Valid","supportID":"987412365",
                    "licenseExpirationDate":"2027-10-24T21:00:00Z","licensedCloudconnectBackups":501,
                    "usedCloudconnectBackups":213,"totalInstances":1000,"usedInstances":521,"console":"eu-1",
                    "_links":{"self":{"href":"https://gateway.example.com/api/v1/licenses/eu-1/514c45eb-9543-4799-8003-1e59385b774c"}}}]""")))
    @APIResponse(responseCode = "400", description = "A bad OData option; the detail names the position and token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<Map<String, Object>> list(@Context UriInfo uri) {
        return queries.list(uri.getQueryParameters(), uri.getBaseUri());
    }
}
