package io.licensegateway.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * {@code /summary} over the in-memory view: the same groups, sums and expiry counts as the aggregate over the store on
 * the {@code asOf} path. Each slice resolves a row's group through its dictionary (one lookup per distinct value,
 * not per row), then adds the row to that group.
 */
final class ViewSummaries {

    private static final long DAY_MICROS = 86_400_000_000L;

    private ViewSummaries() {
    }

    /** The groups in key order (nulls last); {@code groupBy} is null (one total) or a key of the summary's groups. */
    static List<Summary.Group> groups(View view, RowFilter filter, String groupBy, OffsetDateTime now) {
        Map<String, Totals> groups = new HashMap<>();
        Totals[] nullGroup = new Totals[1];
        long at = Slice.Time.toMicros(now);
        for (Slice slice : view.slices()) {
            if (!filter.includes(slice)) {
                continue;
            }
            IntPredicate rows = filter.rows(slice);
            Totals[] byCode = null;
            Slice.Text text = null;
            Totals whole = null;
            if (groupBy == null || groupBy.equals("console")) {
                String key = groupBy == null ? null : slice.console();
                whole = key == null ? nullGroup(nullGroup) : groups.computeIfAbsent(key, k -> new Totals());
            } else {
                text = slice.text(SummaryQueries.GROUPS.get(groupBy));
                String[] dictionary = text.dictionary();
                byCode = new Totals[dictionary.length];
                for (int code = 0; code < dictionary.length; code++) {
                    String key = groupBy.equals("company") ? view.companies().key(slice.folded(code)) : dictionary[code];
                    byCode[code] = key == null ? nullGroup(nullGroup) : groups.computeIfAbsent(key, k -> new Totals());
                }
            }
            int[] spellings = groupBy != null && groupBy.equals("company") ? new int[byCode.length] : null;
            Columns columns = new Columns(slice);
            for (int row = 0; row < slice.size(); row++) {
                if (rows != null && !rows.test(row)) {
                    continue;
                }
                Totals totals = whole;
                if (totals == null) {
                    int code = text.code(row);
                    totals = code < 0 ? nullGroup(nullGroup) : byCode[code];
                    if (spellings != null && code >= 0) {
                        spellings[code]++;
                    }
                }
                totals.add(columns, row, at);
            }
            if (spellings != null) {
                for (int code = 0; code < spellings.length; code++) {
                    if (spellings[code] > 0) {
                        byCode[code].spelling(text.dictionary()[code], spellings[code]);
                    }
                }
            }
        }
        TreeMap<String, Totals> ordered = new TreeMap<>(Texts::compare);
        groups.forEach((key, totals) -> {
            if (totals.licenses > 0) {
                ordered.put(key, totals);
            }
        });
        List<Summary.Group> result = new ArrayList<>();
        ordered.forEach((key, totals) -> result.add(totals.group(key)));
        if (nullGroup[0] != null && nullGroup[0].licenses > 0) {
            result.add(nullGroup[0].group(null));
        }
        return result;
    }

    private static Totals nullGroup(Totals[] holder) {
        if (holder[0] == null) {
            holder[0] = new Totals();
        }
        return holder[0];
    }

    /** A slice's counter and expiry columns, looked up once per slice rather than per row. */
    private static final class Columns {

        final Slice.Whole[] wholes;
        final Slice.Decimal[] decimals = new Slice.Decimal[2];
        final Slice.Time expiry;

        Columns(Slice slice) {
            List<LicenseField[]> counters = SummaryQueries.COUNTERS;
            wholes = new Slice.Whole[2 * (counters.size() - 1)];
            for (int pair = 0; pair < counters.size(); pair++) {
                for (int side = 0; side < 2; side++) {
                    LicenseField field = counters.get(pair)[side];
                    if (field.type() == LicenseField.Type.DECIMAL) {
                        decimals[side] = (Slice.Decimal) slice.column(field);
                    } else {
                        wholes[2 * pair + side] = (Slice.Whole) slice.column(field);
                    }
                }
            }
            expiry = (Slice.Time) slice.column(LicenseField.LICENSE_EXPIRATION_DATE);
        }
    }

    /** One group's sums. */
    private static final class Totals {

        private final long[] wholeSums = new long[2 * (SummaryQueries.COUNTERS.size() - 1)];
        private final boolean[] wholeSeen = new boolean[wholeSums.length];
        private final BigDecimal[] decimalSums = new BigDecimal[2];
        private final long[] expiring = new long[SummaryQueries.EXPIRY_DAYS.length];
        private final Map<String, Long> spellings = new HashMap<>();
        private long licenses;
        private long expired;

        void add(Columns columns, int row, long now) {
            licenses++;
            for (int i = 0; i < wholeSums.length; i++) {
                Slice.Whole column = columns.wholes[i];
                if (!column.isNull(row)) {
                    wholeSums[i] += column.get(row);
                    wholeSeen[i] = true;
                }
            }
            for (int side = 0; side < 2; side++) {
                BigDecimal value = columns.decimals[side].get(row);
                if (value != null) {
                    decimalSums[side] = decimalSums[side] == null ? value : decimalSums[side].add(value);
                }
            }
            long expiry = columns.expiry.get(row);
            if (expiry != Slice.Time.NULL) {
                if (expiry < now) {
                    expired++;
                } else {
                    for (int i = 0; i < expiring.length; i++) {
                        if (expiry < now + SummaryQueries.EXPIRY_DAYS[i] * DAY_MICROS) {
                            expiring[i]++;
                        }
                    }
                }
            }
        }

        void spelling(String spelling, long count) {
            spellings.merge(spelling, count, Long::sum);
        }

        /** The most common spelling, ties to the first in order ({@code mode()} on the other path). */
        private String name() {
            String best = null;
            long most = 0;
            for (Map.Entry<String, Long> entry : spellings.entrySet()) {
                long count = entry.getValue();
                if (count > most || count == most && best != null && Texts.compare(entry.getKey(), best) < 0) {
                    best = entry.getKey();
                    most = count;
                }
            }
            return best;
        }

        Summary.Group group(String key) {
            Summary.Counter[] counters = new Summary.Counter[SummaryQueries.COUNTERS.size()];
            for (int pair = 0; pair < counters.length; pair++) {
                if (pair < counters.length - 1) {
                    counters[pair] = SummaryQueries.counter(sum(2 * pair), sum(2 * pair + 1));
                } else {
                    counters[pair] = SummaryQueries.counter(decimalSums[0], decimalSums[1]);
                }
            }
            return new Summary.Group(key, spellings.isEmpty() ? null : name(), licenses, new Summary.Counters(
                    counters[0], counters[1], counters[2], counters[3], counters[4], counters[5]), expired, expiring[0],
                    expiring[1], expiring[2]);
        }

        private BigDecimal sum(int index) {
            return wholeSeen[index] ? BigDecimal.valueOf(wholeSums[index]) : null;
        }
    }
}
