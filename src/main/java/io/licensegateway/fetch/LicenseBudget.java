package io.licensegateway.fetch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * How many fetched licenses a refresh may hold in memory at once ({@code gateway.fetch.buffered-licenses}): a console
 * is admitted once its expected license count fits, and gives it back when its result is stored. So memory follows
 * this bound, not the fleet, while small consoles still run many at once. Admission is all-or-nothing and in order
 * of arrival, so a large console is not starved by small ones and no two consoles can each hold half of what both
 * need. A console larger than expected overdraws (it is never stopped midway); new consoles then wait until the
 * budget is back.
 */
final class LicenseBudget {

    private record Waiter(int permits, UniEmitter<? super Integer> admitted) {
    }

    private final int capacity;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int available;

    /** Room reserved per license: about 2 KB held, the rest for what parsing and writing it make and drop. */
    static final long HEAP_PER_LICENSE = 16 * 1024;

    /** The default budget for a maximum heap of {@code maxHeap} bytes: one license per {@link #HEAP_PER_LICENSE}. */
    static int forHeap(long maxHeap) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeap / HEAP_PER_LICENSE));
    }

    LicenseBudget(int capacity) {
        this.capacity = capacity;
        this.available = capacity;
    }

    /** Admits a console expected to bring {@code expected} licenses; answers the permits it holds. */
    Uni<Integer> admit(int expected) {
        int permits = Math.max(1, Math.min(expected, capacity));
        return Uni.createFrom().emitter(admitted -> {
            boolean now;
            synchronized (this) {
                now = waiting.isEmpty() && available >= permits;
                if (now) {
                    available -= permits;
                } else {
                    waiting.add(new Waiter(permits, admitted));
                }
            }
            if (now) {
                admitted.complete(permits);
            }
        });
    }

    /** A console brought more than it was admitted for; the extra is taken at once. */
    synchronized void overdraw(int permits) {
        available -= permits;
    }

    void release(int permits) {
        List<Waiter> admitted = new ArrayList<>();
        synchronized (this) {
            available += permits;
            while (!waiting.isEmpty() && waiting.peek().permits() <= available) {
                Waiter next = waiting.poll();
                available -= next.permits();
                admitted.add(next);
            }
        }
        admitted.forEach(waiter -> waiter.admitted().complete(waiter.permits()));
    }
}
