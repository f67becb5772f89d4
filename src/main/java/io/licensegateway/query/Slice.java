package io.licensegateway.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.licensegateway.company.CompanyFold;
import io.licensegateway.company.Lowercase;

/**
 * One console's licenses in one version of the {@link View}, column by column and immutable: the rows are in id
 * order (the order of the default sort), text columns are dictionary-encoded (a repeated company, edition or status
 * costs four bytes a row), numbers are primitive arrays. Orders for other sorts are computed on first use and kept
 * with the slice, so only a console that changed pays for them again.
 */
final class Slice {

    /**
     * Distinct sort orders kept per slice; an order costs four bytes a row. Enough for every field in both directions
     * (56) and a few multi-key sorts: fewer were evicted and recomputed over and over under a mixed load.
     */
    private static final int KEPT_ORDERS = 64;

    private final String console;
    private final long snapshotId;
    private final OffsetDateTime validFrom;
    private final int size;
    private final Column[] columns = new Column[LicenseField.values().length];
    /** {@code company_fold} of each company-name dictionary entry ({@link CompanyFold}). */
    private final String[] folded;
    private final Map<String, int[]> orders = new ConcurrentHashMap<>();

    private Slice(String console, long snapshotId, OffsetDateTime validFrom, int size, String[] folded) {
        this.console = console;
        this.snapshotId = snapshotId;
        this.validFrom = validFrom;
        this.size = size;
        this.folded = folded;
    }

    String console() {
        return console;
    }

    long snapshotId() {
        return snapshotId;
    }

    /** When the snapshot became current (the store's stamp of its versions). */
    OffsetDateTime validFrom() {
        return validFrom;
    }

    int size() {
        return size;
    }

    Column column(LicenseField field) {
        return columns[field.ordinal()];
    }

    Text text(LicenseField field) {
        return (Text) columns[field.ordinal()];
    }

    /** A stored field's value in the shape the database path returns it. */
    Object value(int row, LicenseField field) {
        return columns[field.ordinal()].value(row);
    }

    /** The folded spelling of the company name of dictionary entry {@code code}, or null. */
    String folded(int code) {
        return code < 0 ? null : folded[code];
    }

    /** The row with this id, or -1: rows are in id order. */
    int find(String id) {
        Text ids = text(LicenseField.ID);
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int c = Texts.compare(ids.string(middle), id);
            if (c == 0) {
                return middle;
            }
            if (c < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return -1;
    }

    /** The rows in the order of {@code sorting}; null means row order (console, id). */
    int[] order(Sorting sorting) {
        if (sorting.isDefault()) {
            return null;
        }
        String key = sorting.canonical();
        int[] order = orders.get(key);
        if (order == null) {
            order = sort(sorting);
            if (orders.size() >= KEPT_ORDERS) {
                orders.clear();
            }
            orders.put(key, order);
        }
        return order;
    }

    private int[] sort(Sorting sorting) {
        Integer[] rows = new Integer[size];
        for (int i = 0; i < size; i++) {
            rows[i] = i;
        }
        Arrays.sort(rows, (a, b) -> compare(sorting, this, a, this, b));
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = rows[i];
        }
        return order;
    }

    /** The order of two rows (of any slices) by {@code sorting}: nulls last in both directions. */
    static int compare(Sorting sorting, Slice a, int i, Slice b, int j) {
        for (SortKey key : sorting.keys()) {
            Column left = a.column(key.field());
            Column right = b.column(key.field());
            boolean leftNull = left.isNull(i);
            boolean rightNull = right.isNull(j);
            int c;
            if (leftNull || rightNull) {
                c = leftNull == rightNull ? 0 : leftNull ? 1 : -1;
            } else {
                c = left.compare(i, right, j);
                if (key.descending()) {
                    c = -c;
                }
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The order of a row and the sort values of a cursor (typed as {@link Sorting#decode} returns them). */
    static int compare(Sorting sorting, Slice slice, int row, List<Object> values) {
        List<SortKey> keys = sorting.keys();
        for (int k = 0; k < keys.size(); k++) {
            SortKey key = keys.get(k);
            Column column = slice.column(key.field());
            Object value = values.get(k);
            boolean rowNull = column.isNull(row);
            int c;
            if (rowNull || value == null) {
                c = rowNull == (value == null) ? 0 : rowNull ? 1 : -1;
            } else {
                c = column.compareTo(row, value);
                if (key.descending()) {
                    c = -c;
                }
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A column of a slice. */
    abstract static class Column {

        abstract Object value(int row);

        abstract boolean isNull(int row);

        /** Both rows non-null; {@code other} is the same field's column of another slice (or this one). */
        abstract int compare(int row, Column other, int otherRow);

        /** Row non-null, {@code value} non-null and of the field's type. */
        abstract int compareTo(int row, Object value);
    }

    /** Text, dictionary-encoded; code -1 is null. */
    static final class Text extends Column {

        private final String[] dictionary;
        private final int[] codes;
        private volatile String[] lower;

        Text(String[] dictionary, int[] codes) {
            this.dictionary = dictionary;
            this.codes = codes;
        }

        int code(int row) {
            return codes[row];
        }

        String string(int row) {
            int code = codes[row];
            return code < 0 ? null : dictionary[code];
        }

        String[] dictionary() {
            return dictionary;
        }

        /** The dictionary lower-cased (as {@code lower()} and ILIKE see it), computed once. */
        String[] lowerCased() {
            String[] computed = lower;
            if (computed == null) {
                computed = new String[dictionary.length];
                for (int i = 0; i < computed.length; i++) {
                    computed[i] = Lowercase.of(dictionary[i]);
                }
                lower = computed;
            }
            return computed;
        }

        @Override
        Object value(int row) {
            return string(row);
        }

        @Override
        boolean isNull(int row) {
            return codes[row] < 0;
        }

        @Override
        int compare(int row, Column other, int otherRow) {
            Text that = (Text) other;
            if (that == this && codes[row] == codes[otherRow]) {
                return 0;
            }
            return Texts.compare(dictionary[codes[row]], that.dictionary[that.codes[otherRow]]);
        }

        @Override
        int compareTo(int row, Object value) {
            return Texts.compare(dictionary[codes[row]], (String) value);
        }
    }

    /** One value for every row: the console's name. */
    static final class Constant extends Column {

        private final String value;

        Constant(String value) {
            this.value = value;
        }

        @Override
        Object value(int row) {
            return value;
        }

        @Override
        boolean isNull(int row) {
            return false;
        }

        @Override
        int compare(int row, Column other, int otherRow) {
            return Texts.compare(value, ((Constant) other).value);
        }

        @Override
        int compareTo(int row, Object value) {
            return Texts.compare(this.value, (String) value);
        }
    }

    /** A whole number (int4), nulls in a bit set. */
    static final class Whole extends Column {

        private final int[] values;
        private final BitSet nulls;

        Whole(int[] values, BitSet nulls) {
            this.values = values;
            this.nulls = nulls;
        }

        int get(int row) {
            return values[row];
        }

        @Override
        Object value(int row) {
            return nulls.get(row) ? null : values[row];
        }

        @Override
        boolean isNull(int row) {
            return nulls.get(row);
        }

        @Override
        int compare(int row, Column other, int otherRow) {
            return Integer.compare(values[row], ((Whole) other).values[otherRow]);
        }

        @Override
        int compareTo(int row, Object value) {
            return Long.compare(values[row], ((Number) value).longValue());
        }
    }

    /** A decimal (numeric); equal values share one object. */
    static final class Decimal extends Column {

        private final BigDecimal[] values;

        Decimal(BigDecimal[] values) {
            this.values = values;
        }

        BigDecimal get(int row) {
            return values[row];
        }

        @Override
        Object value(int row) {
            return values[row];
        }

        @Override
        boolean isNull(int row) {
            return values[row] == null;
        }

        @Override
        int compare(int row, Column other, int otherRow) {
            return values[row].compareTo(((Decimal) other).values[otherRow]);
        }

        @Override
        int compareTo(int row, Object value) {
            return values[row].compareTo((BigDecimal) value);
        }
    }

    /** A timestamptz as microseconds since the epoch (the database's precision); {@link Long#MIN_VALUE} is null. */
    static final class Time extends Column {

        static final long NULL = Long.MIN_VALUE;

        private final long[] micros;

        Time(long[] micros) {
            this.micros = micros;
        }

        long get(int row) {
            return micros[row];
        }

        @Override
        Object value(int row) {
            long value = micros[row];
            return value == NULL ? null : toDateTime(value);
        }

        @Override
        boolean isNull(int row) {
            return micros[row] == NULL;
        }

        @Override
        int compare(int row, Column other, int otherRow) {
            return Long.compare(micros[row], ((Time) other).micros[otherRow]);
        }

        @Override
        int compareTo(int row, Object value) {
            return Long.compare(micros[row], toMicros((OffsetDateTime) value));
        }

        static long toMicros(OffsetDateTime time) {
            Instant instant = time.toInstant();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        }

        static OffsetDateTime toDateTime(long micros) {
            return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000L), ZoneOffset.UTC);
        }
    }

    /** Collects one console's rows (in id order) into columns. */
    static final class Builder {

        private final String console;
        private final long snapshotId;
        private final OffsetDateTime validFrom;
        private final List<Object[]> rows = new ArrayList<>();

        Builder(String console, long snapshotId, OffsetDateTime validFrom) {
            this.console = console;
            this.snapshotId = snapshotId;
            this.validFrom = validFrom;
        }

        /** {@code values} by field ordinal (stored fields). */
        void add(Object[] values) {
            rows.add(values);
        }

        Slice build() {
            Text company = text(LicenseField.COMPANY_NAME, new HashMap<>());
            String[] folded = Arrays.stream(company.dictionary()).map(CompanyFold::fold).toArray(String[]::new);
            Slice slice = new Slice(console, snapshotId, validFrom, rows.size(), folded);
            slice.columns[LicenseField.CONSOLE.ordinal()] = new Constant(console);
            slice.columns[LicenseField.COMPANY_NAME.ordinal()] = company;
            Map<Object, Object> shared = new HashMap<>();
            for (LicenseField field : LicenseField.values()) {
                if (!field.stored() || field == LicenseField.CONSOLE || field == LicenseField.COMPANY_NAME) {
                    continue;
                }
                slice.columns[field.ordinal()] = switch (field.type()) {
                    case TEXT -> text(field, new HashMap<>());
                    case INTEGER -> whole(field);
                    case DECIMAL -> decimal(field, shared);
                    case TIMESTAMP -> time(field);
                    case BIGINT -> throw new IllegalStateException(field + " is not stored");
                };
            }
            return slice;
        }

        private Text text(LicenseField field, Map<String, Integer> codes) {
            int[] column = new int[rows.size()];
            List<String> dictionary = new ArrayList<>();
            for (int i = 0; i < column.length; i++) {
                String value = (String) rows.get(i)[field.ordinal()];
                if (value == null) {
                    column[i] = -1;
                    continue;
                }
                Integer code = codes.get(value);
                if (code == null) {
                    code = dictionary.size();
                    codes.put(value, code);
                    dictionary.add(value);
                }
                column[i] = code;
            }
            return new Text(dictionary.toArray(String[]::new), column);
        }

        private Whole whole(LicenseField field) {
            int[] values = new int[rows.size()];
            BitSet nulls = new BitSet();
            for (int i = 0; i < values.length; i++) {
                Integer value = (Integer) rows.get(i)[field.ordinal()];
                if (value == null) {
                    nulls.set(i);
                } else {
                    values[i] = value;
                }
            }
            return new Whole(values, nulls);
        }

        private Decimal decimal(LicenseField field, Map<Object, Object> shared) {
            BigDecimal[] values = new BigDecimal[rows.size()];
            for (int i = 0; i < values.length; i++) {
                BigDecimal value = (BigDecimal) rows.get(i)[field.ordinal()];
                values[i] = value == null ? null : (BigDecimal) shared.computeIfAbsent(value, v -> v);
            }
            return new Decimal(values);
        }

        private Time time(LicenseField field) {
            long[] values = new long[rows.size()];
            for (int i = 0; i < values.length; i++) {
                OffsetDateTime value = (OffsetDateTime) rows.get(i)[field.ordinal()];
                values[i] = value == null ? Time.NULL : Time.toMicros(value);
            }
            return new Time(values);
        }
    }
}
