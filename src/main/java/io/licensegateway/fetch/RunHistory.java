package io.licensegateway.fetch;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code /api/v1/runs}: runs with their attempts, read as entities through Hibernate Reactive. */
@ApplicationScoped
public class RunHistory implements PanacheRepositoryBase<FetchRun, Long> {

    /** Newest first, each with its console outcomes. */
    @WithSession
    public Uni<List<RunReport>> page(int limit, int offset) {
        return find("order by id desc").range(offset, offset + limit - 1).list().flatMap(this::withAttempts);
    }

    /** The run, or null. */
    @WithSession
    public Uni<RunReport> one(long id) {
        return findById(id).flatMap(run -> run == null ? Uni.createFrom().nullItem()
                : withAttempts(List.of(run)).map(runs -> runs.get(0)));
    }

    /** One query for the attempts of all the runs (the session runs one statement at a time anyway). */
    private Uni<List<RunReport>> withAttempts(List<FetchRun> runs) {
        if (runs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Long> ids = runs.stream().map(FetchRun::id).toList();
        return getSession().flatMap(session -> session
                .createQuery("from FetchAttempt where runId in :ids order by console", FetchAttempt.class)
                .setParameter("ids", ids).getResultList())
                .map(attempts -> {
                    Map<Long, List<ConsoleOutcome>> byRun = attempts.stream().collect(Collectors.groupingBy(
                            FetchAttempt::runId, Collectors.mapping(FetchAttempt::outcome,
                                    Collectors.toCollection(ArrayList::new))));
                    return runs.stream().map(run -> run.report(byRun.getOrDefault(run.id(), List.of()))).toList();
                });
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
