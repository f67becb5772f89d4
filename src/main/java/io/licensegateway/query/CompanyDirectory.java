package io.licensegateway.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.licensegateway.company.CompanyFold;

/**
 * The company aliases of a {@link View} (folded spelling → company key), answering what {@code company_key} and
 * {@code company_spellings} answer in SQL.
 */
final class CompanyDirectory {

    static final CompanyDirectory EMPTY = new CompanyDirectory(Map.of());

    private final Map<String, String> companyOf;
    private final Map<String, List<String>> spellingsOf;

    CompanyDirectory(Map<String, String> aliases) {
        this.companyOf = Map.copyOf(aliases);
        Map<String, List<String>> spellings = new HashMap<>();
        aliases.forEach((spelling, company) -> spellings.computeIfAbsent(company, c -> new ArrayList<>()).add(spelling));
        this.spellingsOf = spellings;
    }

    /** {@code company_key} of an already folded spelling. */
    String key(String folded) {
        return folded == null ? null : companyOf.getOrDefault(folded, folded);
    }

    /** {@code company_spellings(company_key(name))}: every folded spelling of the company a name stands for. */
    Set<String> spellingsOfName(String name) {
        String key = key(CompanyFold.fold(name));
        if (key == null) {
            return Set.of();
        }
        List<String> spellings = new ArrayList<>(spellingsOf.getOrDefault(key, List.of()));
        if (!companyOf.containsKey(key)) {
            spellings.add(key);
        }
        return Set.copyOf(spellings);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompanyDirectory that && companyOf.equals(that.companyOf);
    }

    @Override
    public int hashCode() {
        return companyOf.hashCode();
    }
}
