package io.licensegateway.fetch;

import java.net.URI;

import io.licensegateway.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refresh asked for while one runs is a 409 problem. */
class RefreshProblems {

    private static final String TITLE = "Refresh in progress";

    /** Names the running run and where to watch it, so a caller can wait for it instead of retrying blind. */
    @ServerExceptionMapper
    Response refreshRunning(RefreshInProgressException e, UriInfo uri) {
        Response answer = Problem.answer(new Problem(Problem.type(TITLE), TITLE, 409, e.getMessage(),
                uri == null ? null : uri.getPath(), null, e.runId()));
        return e.runId() == null ? answer
                : Response.fromResponse(answer).location(URI.create("/api/v1/runs/" + e.runId())).build();
    }
}
