package io.licensegateway.upstream.v2;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/** The part of the VAC REST API v2 the gateway calls. Answers are read raw so every status can be judged. */
@Path("")
interface VacV2Api {

    /** At the root, not under {@code /v2}. */
    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> token(MultivaluedMap<String, String> form);

    @GET
    @Path("/v2/licensing/cloudconnectLicenses")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> cloudconnectLicenses(@HeaderParam("Authorization") String authorization,
            @QueryParam("$top") int top, @QueryParam("$skip") int skip, @QueryParam("$orderby") String orderBy,
            @QueryParam("setLinks") boolean setLinks);
}
