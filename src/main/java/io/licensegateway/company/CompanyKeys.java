package io.licensegateway.company;

/**
 * The SQL of one company across consoles (V17). A company's key is computed whenever it is read: the name folded
 * ({@code company_fold}: case, accents, punctuation, whitespace and legal forms away), then replaced by its alias's
 * company if an alias names that spelling ({@code company_key}). Nothing is stored with the licenses, so changing an
 * alias re-groups the current licenses and their whole history at once.
 */
public final class CompanyKeys {

    private CompanyKeys() {
    }

    /** The folded spelling of a name column. */
    public static String fold(String name) {
        return "company_fold(" + name + ")";
    }

    /** The company key of a name column: aliases applied. */
    public static String key(String name) {
        return "company_key(" + name + ")";
    }

    /**
     * A company's display name: its most common spelling among the aggregated rows, ties to the first in code point
     * order (as the in-memory view breaks them).
     */
    public static String displayName(String name) {
        return "mode() within group (order by " + name + " collate \"C\")";
    }
}
