package io.licensegateway.company;

import java.util.List;
import java.util.Set;

import io.licensegateway.database.Commits;
import io.licensegateway.security.AdminAction;
import io.licensegateway.security.Role;
import io.licensegateway.web.Problem;
import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/companies")
@Tag(name = "Companies", description = "One company across consoles: folded names plus aliases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class CompanyResource {

    private final CompanyQueries queries;
    private final CompanyAliases aliases;
    private final Commits commits;

    CompanyResource(CompanyQueries queries, CompanyAliases aliases, Commits commits) {
        this.commits = commits;
        this.queries = queries;
        this.aliases = aliases;
    }

    public record CompanyList(List<Company> data) {
    }

    public record AliasList(List<CompanyAliases.Aliases> data) {
    }

    /** The body of {@code PUT /api/v1/companies/aliases/{company}}. */
    public record Spellings(@NotNull @Size(max = 1000) List<@NotNull @Size(min = 1, max = 500) String> spellings) {
    }

    @GET
    @Operation(summary = "Every company of the current licenses: key, display name, consoles, spellings, licenses")
    @Parameter(name = "console", in = ParameterIn.QUERY, description = "Console name; repeatable")
    @APIResponse(responseCode = "200", description = "Companies ordered by key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyList.class),
                    examples = @ExampleObject(name = "companies", value = """
                            {"data":[{"key":"contoso","name":"Contoso GmbH","licenses":5,
                            "consoles":[{"name":"eu-1","licenses":3},{"name":"us-1","licenses":2}],
                            "spellings":[{"name":"Contoso GmbH","licenses":3},{"name":"CONTOSO GMBH.","licenses":2}]}]}""")))
    @APIResponse(responseCode = "400", description = "A bad parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CompanyList> list(@Context UriInfo uri) {
        QueryParameters parameters = new QueryParameters(uri.getQueryParameters(), Set.of("console"));
        return queries.companies(parameters.list("console")).map(CompanyList::new);
    }

    @GET
    @Path("/aliases")
    @Operation(summary = "The aliases: each company key with the folded spellings that belong to it")
    @APIResponse(responseCode = "200", description = "Aliases by company",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AliasList.class),
                    examples = @ExampleObject(name = "aliases", value = """
                            {"data":[{"company":"fabrikam","spellings":["northwind traders"]}]}""")))
    public Uni<AliasList> aliases() {
        return aliases.all().map(AliasList::new);
    }

    @PUT
    @Path("/aliases/{company}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.WRITE)
    @AdminAction
    @Operation(summary = "Give a company exactly these spellings (admin)",
            description = "Names are folded as the gateway folds company names; the change re-groups current and "
                    + "past licenses at once.")
    @APIResponse(responseCode = "200", description = "The company's aliases now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CompanyAliases.Aliases.class)))
    @APIResponse(responseCode = "400", description = "A name without letters or digits, or an alias chain",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Needs the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A spelling belongs to another company",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CompanyAliases.Aliases> replaceAliases(@PathParam("company") String company, @Valid @NotNull Spellings body) {
        // committed: the current view takes the new grouping in before the caller's next read
        return aliases.replace(company, body.spellings(), false).call(commits::committed);
    }

    @DELETE
    @Path("/aliases/{company}")
    @RolesAllowed(Role.WRITE)
    @AdminAction
    @Operation(summary = "Remove every alias of a company (admin)")
    @APIResponse(responseCode = "200", description = "The aliases it had, now removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CompanyAliases.Aliases.class)))
    @APIResponse(responseCode = "403", description = "Needs the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The company had no aliases",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CompanyAliases.Aliases> removeAliases(@PathParam("company") String company) {
        return aliases.remove(company).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Company '" + company + "' has no aliases"))
                .call(commits::committed);
    }
}
