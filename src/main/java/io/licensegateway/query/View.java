package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of the current merged view, immutable: every console's licenses as of {@code at} (the store's pinned
 * time, so the database's view "as of {@code at}" is exactly this), each console's stored state, and the company
 * aliases. A new version shares the slices of the consoles that did not change.
 */
final class View {

    private final OffsetDateTime at;
    private final List<Slice> slices;
    private final Map<String, Slice> byConsole;
    private final Map<String, ConsoleRecord> records;
    private final CompanyDirectory companies;

    View(OffsetDateTime at, Collection<Slice> slices, Map<String, ConsoleRecord> records, CompanyDirectory companies) {
        this.at = at;
        List<Slice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparing(Slice::console, Texts::compare));
        this.slices = List.copyOf(sorted);
        Map<String, Slice> index = new HashMap<>();
        sorted.forEach(s -> index.put(s.console(), s));
        this.byConsole = Map.copyOf(index);
        this.records = Map.copyOf(records);
        this.companies = companies;
    }

    /** The time this version is the database's view of. */
    OffsetDateTime at() {
        return at;
    }

    /** The consoles that have licenses, in console order. */
    List<Slice> slices() {
        return slices;
    }

    Slice slice(String console) {
        return byConsole.get(console);
    }

    /** Each console's stored state (present for every console the store knows). */
    Map<String, ConsoleRecord> records() {
        return records;
    }

    CompanyDirectory companies() {
        return companies;
    }

    long licenses() {
        return slices.stream().mapToLong(Slice::size).sum();
    }

    /** The same slices, with newer console records and aliases: still the view at {@code at}. */
    View withRecords(Map<String, ConsoleRecord> newer, CompanyDirectory aliases) {
        return new View(at, slices, newer, aliases);
    }

    /** Consoles whose snapshot in {@code newer} differs from this version's slice. */
    Set<String> changedIn(Map<String, ConsoleRecord> newer) {
        Set<String> changed = new java.util.TreeSet<>();
        newer.forEach((console, record) -> {
            Slice slice = byConsole.get(console);
            if (slice == null ? record.snapshotId() != null : !record.holds(slice)) {
                changed.add(console);
            }
        });
        byConsole.keySet().stream().filter(c -> !newer.containsKey(c)).forEach(changed::add);
        return changed;
    }
}
