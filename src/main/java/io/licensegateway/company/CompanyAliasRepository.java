package io.licensegateway.company;

import java.util.Collection;
import java.util.List;

import io.licensegateway.database.Commits;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The aliases, through Hibernate Reactive (entity-shaped, rarely written; ARCHITECTURE.md "Persistence"). */
@ApplicationScoped
class CompanyAliasRepository implements PanacheRepositoryBase<CompanyAlias, String> {

    Uni<List<CompanyAlias>> all() {
        return list("order by company, spelling");
    }

    Uni<List<CompanyAlias>> ofCompanies(Collection<String> companies) {
        return list("company in ?1", companies);
    }

    Uni<List<CompanyAlias>> ofSpellings(Collection<String> spellings) {
        return list("spelling in ?1", spellings);
    }

    /** Tells every replica's current view, once the transaction commits, that the aliases changed. */
    Uni<Void> announce() {
        return getSession().flatMap(session -> session.createNativeQuery(Commits.NOTIFY.replace("$1", "'aliases'"))
                .getSingleResultOrNull()).replaceWithVoid();
    }

    /** Folds a name as the database does ({@code company_fold}, V17): one definition of folding, in SQL. */
    Uni<String> fold(String name) {
        return getSession().flatMap(session -> session
                .createNativeQuery("select company_fold(cast(:name as text))", String.class)
                .setParameter("name", name).getSingleResultOrNull());
    }
}
