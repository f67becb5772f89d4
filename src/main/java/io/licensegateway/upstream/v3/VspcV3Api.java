package io.licensegateway.upstream.v3;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The part of the VSPC REST API v3 the gateway calls. Every call names the API version the gateway was written
 * for, so enum values newer than it come back as {@code Unknown} instead of surprising the mapper. Answers are
 * read raw so every status, header and error envelope can be judged.
 */
@Path("/api/v3")
@ClientHeaderParam(name = "X-Client-Version", value = VspcV3Api.CLIENT_VERSION)
interface VspcV3Api {

    String CLIENT_VERSION = "3.5.1";

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> token(MultivaluedMap<String, String> form);

    @GET
    @Path("/licensing/sites")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> siteLicenses(@HeaderParam("Authorization") String authorization, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);

    @GET
    @Path("/infrastructure/sites")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> sites(@HeaderParam("Authorization") String authorization, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);

    @GET
    @Path("/asyncActions/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> asyncAction(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @GET
    @Path("/asyncActions/{id}/result")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> asyncActionResult(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}
