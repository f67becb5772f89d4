package io.licensegateway.database;

import java.util.Optional;

import io.licensegateway.web.FailureAnswers;
import io.licensegateway.web.Problem;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** A database that is away or saturated is a 503 with {@code Retry-After}, not a 500: it heals by itself. */
@ApplicationScoped
class DatabaseProblems implements FailureAnswers {

    /** Long enough for a database restart or a failover to finish, short enough not to feel stuck. */
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final int BUSY_RETRY_AFTER_SECONDS = 1;

    @Override
    public Optional<Response> answer(Throwable e, String path) {
        if (DatabaseFailures.saturated(e)) {
            // a flood is answered, not logged request by request: the HTTP metrics count these 503s
            Log.debugf("No database connection free for %s: %s", path, DatabaseFailures.describe(e));
            return Optional.of(unavailable(path, "Overloaded",
                    "More queries are running than the gateway serves at once (or its database is slow to answer); "
                            + "retry after the delay in Retry-After", BUSY_RETRY_AFTER_SECONDS));
        }
        if (DatabaseFailures.unavailable(e)) {
            Log.warnf("Database unavailable for %s: %s", path, DatabaseFailures.describe(e));
            return Optional.of(unavailable(path, "Database unavailable",
                    "The gateway cannot reach its database right now; retry after the delay in Retry-After",
                    RETRY_AFTER_SECONDS));
        }
        return Optional.empty();
    }

    private static Response unavailable(String path, String title, String detail, int retryAfterSeconds) {
        return Response.fromResponse(Problem.answer(new Problem(Problem.type(title), title, 503, detail, path, null)))
                .header("Retry-After", retryAfterSeconds).build();
    }
}
