package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.licensegateway.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pins the view a read sees: a given time ({@code asOf}, a cursor's) or the latest time no running write can change
 * ({@link LicenseRepository#pin}), with each console's snapshot then. Shared by the license list, its CSV, the
 * summary and the change feed, so all answer 400 for a time in the future and 410 for one before the kept history.
 */
@ApplicationScoped
class ViewPoints {

    private final LicenseRepository licenses;
    private final ConsoleStatuses statuses;

    ViewPoints(LicenseRepository licenses, ConsoleStatuses statuses) {
        this.licenses = licenses;
        this.statuses = statuses;
    }

    /**
     * The view at {@code at} (null: the pinned present); 410 when the history it needs was pruned for one of the
     * consoles {@code reads} keeps, 400 ({@code parameter}) when it lies in the future.
     */
    Uni<ViewPoint> at(OffsetDateTime at, Predicate<String> reads, String parameter) {
        if (at != null && at.isAfter(OffsetDateTime.now())) {
            throw ProblemException.badParameter(parameter, "lies in the future; leave it out for the current view");
        }
        Uni<OffsetDateTime> pinned = at == null ? licenses.pin() : Uni.createFrom().item(at);
        return pinned.flatMap(time -> statuses.asOf(time).map(consoles -> {
            checkKept(time, consoles.stream().filter(c -> reads.test(c.name())).map(ConsoleStatus::historyFrom));
            return ViewPoint.of(time, consoles);
        }));
    }

    /** 410 when {@code time} lies before one of {@code historyFrom} (the consoles' pruning edges). */
    static void checkKept(OffsetDateTime time, Stream<OffsetDateTime> historyFrom) {
        historyFrom.filter(Objects::nonNull).filter(time::isBefore).findAny().ifPresent(from -> {
            throw new ProblemException(410, "History pruned", "The view at " + time + " is no longer kept (the "
                    + "kept history begins at " + from + ", gateway.history.retention); start again without a cursor "
                    + "or with a later time", null);
        });
    }
}
