package io.licensegateway.database;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.function.Predicate;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Tells "the database is away or saturated" apart from a bug: those failures are answered 503 with
 * {@code Retry-After} and logged as one WARN line, and they heal by themselves when the database is back.
 */
public final class DatabaseFailures {

    /**
     * Server states meaning "not now": shutting down, starting, out of connection slots, and a statement cancelled by
     * the API pool's {@code statement_timeout} (the database is too busy, or the question too big, for now).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014");

    private DatabaseFailures() {
    }

    /** The database is away, refuses connections, or no connection of the pool became free in time. */
    public static boolean unavailable(Throwable failure) {
        return anyCause(failure, t -> t instanceof ConnectException || t instanceof ClosedChannelException
                || t instanceof ClosedConnectionException
                || t instanceof PgException pg && pg.getSqlState() != null
                        && (pg.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(pg.getSqlState())))
                || saturated(failure);
    }

    /**
     * The pool's own refusals: no connection free within the acquire timeout, or too many waiting already. Mostly
     * more concurrent queries than the pool serves; also a database too slow to hand out connections. The SQL client
     * says "Timeout waiting for connection"; through Hibernate Reactive the same refusal arrives as a bare "Timeout".
     */
    public static boolean saturated(Throwable failure) {
        return anyCause(failure, t -> t instanceof ConnectionPoolTooBusyException
                || (t instanceof VertxException || t instanceof NoStackTraceThrowable) && t.getMessage() != null
                        && (t.getMessage().startsWith("Timeout waiting for connection") || t.getMessage().equals("Timeout")));
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** One line for the log: what failed, never a stack trace. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
