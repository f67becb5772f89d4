package io.licensegateway.operations;

import org.jboss.logging.MDC;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoint: answers with the request id the logging MDC holds, on the event loop and on a worker. */
@Path("/api/v1/test/request-id")
@PermitAll
@Produces(MediaType.TEXT_PLAIN)
public class RequestIdProbe {

    static final String LOG_MESSAGE = "request id probe";

    @GET
    public Uni<String> onEventLoop() {
        Log.info(LOG_MESSAGE);
        return Uni.createFrom().item(() -> String.valueOf(MDC.get(RequestIds.MDC_KEY)));
    }

    @GET
    @Path("/blocking")
    @Blocking
    public String onWorker() {
        return String.valueOf(MDC.get(RequestIds.MDC_KEY));
    }
}
