package io.licensegateway.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * The rows of a {@link View} that pass a per-slice test, in the order of a {@link Sorting}: each slice is read in its
 * own order (kept with the slice) and the slices are merged, lazily, so a page costs the rows before its end and not
 * the whole view. Counting stops at a bound, as on the database path.
 */
final class ViewSelection {

    /** One row of one slice. */
    record Hit(Slice slice, int row) {

        Object value(LicenseField field) {
            return slice.value(row, field);
        }
    }

    private final View view;
    /** Each slice's part, in the order of {@link View#slices}. */
    private final Test[] parts;
    private final Sorting sorting;

    ViewSelection(View view, Function<Slice, Test> tests, Sorting sorting) {
        this.view = view;
        this.parts = view.slices().stream().map(tests).toArray(Test[]::new);
        this.sorting = sorting;
    }

    /** A slice's part in a selection: whether it takes part, and which of its rows (null predicate = all). */
    record Test(boolean included, IntPredicate rows) {

        static final Test NONE = new Test(false, null);
    }

    static ViewSelection of(View view, RowFilter filter, Sorting sorting) {
        return new ViewSelection(view, slice -> filter.includes(slice) ? new Test(true, filter.rows(slice)) : Test.NONE,
                sorting);
    }

    /** How many rows pass, counted up to {@code bound} (then {@code bound}). */
    long count(long bound) {
        long counted = 0;
        for (int s = 0; s < parts.length; s++) {
            Slice slice = view.slices().get(s);
            Test t = parts[s];
            if (!t.included()) {
                continue;
            }
            if (t.rows() == null) {
                counted += slice.size();
            } else {
                for (int row = 0; row < slice.size() && counted < bound; row++) {
                    if (t.rows().test(row)) {
                        counted++;
                    }
                }
            }
            if (counted >= bound) {
                return bound;
            }
        }
        return counted;
    }

    /** {@code limit} rows after skipping {@code offset}, starting after the row whose sort values are {@code after}. */
    List<Hit> page(List<Object> after, int offset, int limit) {
        List<Hit> page = new ArrayList<>(Math.min(limit, 1024));
        rows(after, offset, limit).forEachRemaining(page::add);
        return page;
    }

    /** At most {@code limit} passing rows in order, after {@code after} (null: from the start) and {@code offset} more. */
    Iterator<Hit> rows(List<Object> after, long offset, long limit) {
        Iterator<Hit> rows = rows(after);
        for (long i = 0; i < offset && rows.hasNext(); i++) {
            rows.next();
        }
        return new Iterator<>() {
            private long served;

            @Override
            public boolean hasNext() {
                return served < limit && rows.hasNext();
            }

            @Override
            public Hit next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                served++;
                return rows.next();
            }
        };
    }

    /** Every passing row in order, after {@code after} (null: from the start). */
    Iterator<Hit> rows(List<Object> after) {
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> Slice.compare(sorting, a.slice, a.row(), b.slice, b.row()));
        for (int s = 0; s < parts.length; s++) {
            Slice slice = view.slices().get(s);
            Test t = parts[s];
            if (t.included()) {
                Head head = new Head(slice, slice.order(sorting), t.rows());
                head.position = after == null ? 0 : head.firstAfter(after);
                if (head.advance()) {
                    heads.add(head);
                }
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Hit next() {
                Head head = heads.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                Hit hit = new Hit(head.slice, head.row());
                head.position++;
                if (head.advance()) {
                    heads.add(head);
                }
                return hit;
            }
        };
    }

    /** Where one slice's part of the merge stands. */
    private final class Head {

        final Slice slice;
        final int[] order;
        final IntPredicate rows;
        int position;

        Head(Slice slice, int[] order, IntPredicate rows) {
            this.slice = slice;
            this.order = order;
            this.rows = rows;
        }

        int row() {
            return order == null ? position : order[position];
        }

        /** Moves to the next passing row at or after the position; false when there is none. */
        boolean advance() {
            while (position < slice.size()) {
                if (rows == null || rows.test(row())) {
                    return true;
                }
                position++;
            }
            return false;
        }

        /** The first position whose row comes strictly after the cursor's sort values. */
        int firstAfter(List<Object> after) {
            int low = 0;
            int high = slice.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                int row = order == null ? middle : order[middle];
                if (Slice.compare(sorting, slice, row, after) <= 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }
}
