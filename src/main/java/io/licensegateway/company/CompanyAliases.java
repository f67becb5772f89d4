package io.licensegateway.company;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.licensegateway.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Company aliases: which folded spellings belong to which company. Kept one step deep (a company is never itself a
 * spelling of another), so a key is one index lookup at read time.
 */
@ApplicationScoped
public class CompanyAliases {

    private final CompanyAliasRepository repository;

    CompanyAliases(CompanyAliasRepository repository) {
        this.repository = repository;
    }

    /** A company's spellings. */
    public record Aliases(String company, List<String> spellings) {
    }

    @WithSession
    public Uni<List<Aliases>> all() {
        return repository.all().map(aliases -> {
            Map<String, List<String>> byCompany = new LinkedHashMap<>();
            aliases.forEach(a -> byCompany.computeIfAbsent(a.company(), c -> new ArrayList<>()).add(a.spelling()));
            return byCompany.entrySet().stream().map(e -> new Aliases(e.getKey(), e.getValue())).toList();
        });
    }

    /**
     * Gives {@code company} exactly these spellings. A spelling another company has is a 409 unless {@code takeOver};
     * a spelling that is itself a company with aliases, or a company that is another's spelling, is a 400.
     */
    @WithTransaction
    public Uni<Aliases> replace(String company, List<String> spellings, boolean takeOver) {
        return key(company).flatMap(key -> Multi.createFrom().iterable(spellings)
                .onItem().transformToUniAndConcatenate(spelling -> repository.fold(spelling).map(folded -> {
                    if (folded == null) {
                        throw ProblemException.badParameter("spellings", "'" + spelling + "' has no letters or digits");
                    }
                    return folded;
                }))
                .collect().asList()
                .map(folded -> {
                    Set<String> wanted = new TreeSet<>(folded);
                    wanted.remove(key);
                    return wanted;
                })
                .flatMap(wanted -> checkOneStep(key, wanted)
                        .flatMap(ignored -> claim(key, wanted, takeOver))
                        .flatMap(kept -> (wanted.isEmpty() ? repository.delete("company", key)
                                : repository.delete("company = ?1 and spelling not in ?2", key, wanted))
                                .flatMap(ignored -> persistNew(key, wanted, kept)))
                        .call(repository::announce)
                        .map(ignored -> new Aliases(key, List.copyOf(wanted)))));
    }

    /** Removes every alias of the company and answers what it had; null when it had none. */
    @WithTransaction
    public Uni<Aliases> remove(String company) {
        return key(company).flatMap(key -> repository.ofCompanies(List.of(key)).flatMap(removed -> removed.isEmpty()
                ? Uni.createFrom().<Aliases>nullItem()
                : repository.delete("company", key).call(repository::announce).map(ignored -> new Aliases(key,
                        removed.stream().map(CompanyAlias::spelling).sorted().toList()))));
    }

    private Uni<String> key(String company) {
        return repository.fold(company).map(key -> {
            if (key == null) {
                throw ProblemException.badParameter("company", "'" + company + "' has no letters or digits");
            }
            return key;
        });
    }

    private Uni<Void> checkOneStep(String key, Set<String> wanted) {
        return repository.findById(key).flatMap(aliased -> {
            if (aliased != null) {
                throw ProblemException.badParameter("company", "'" + key + "' is itself a spelling of company '"
                        + aliased.company() + "'; give the aliases to that company");
            }
            return wanted.isEmpty() ? Uni.createFrom().voidItem()
                    : repository.ofCompanies(wanted).invoke(companies -> companies.stream().findFirst().ifPresent(c -> {
                        throw ProblemException.badParameter("spellings", "'" + c.company()
                                + "' is a company with aliases of its own; remove them first");
                    })).replaceWithVoid();
        });
    }

    /** The wanted spellings already stored (this company's, or taken over); a 409 for another company's. */
    private Uni<Set<String>> claim(String key, Set<String> wanted, boolean takeOver) {
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return repository.ofSpellings(wanted).map(existing -> {
            Set<String> kept = new TreeSet<>();
            for (CompanyAlias alias : existing) {
                if (!alias.company().equals(key)) {
                    if (!takeOver) {
                        throw new ProblemException(409, "Conflict", "'" + alias.spelling()
                                + "' is a spelling of company '" + alias.company() + "'; remove it there first", null);
                    }
                    alias.moveTo(key);
                }
                kept.add(alias.spelling());
            }
            return kept;
        });
    }

    private Uni<Void> persistNew(String key, Set<String> wanted, Set<String> kept) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<CompanyAlias> added = wanted.stream().filter(s -> !kept.contains(s))
                .map(s -> new CompanyAlias(s, key, now)).toList();
        return added.isEmpty() ? Uni.createFrom().voidItem() : repository.persist(added);
    }
}
