package io.licensegateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

class LicenseBudgetTest {

    private final LicenseBudget budget = new LicenseBudget(1000);

    @Test
    void admitsWhatFitsAndQueuesTheRestInOrder() {
        UniAssertSubscriber<Integer> first = admit(600);
        UniAssertSubscriber<Integer> second = admit(600);
        UniAssertSubscriber<Integer> small = admit(100);

        first.assertItem(600);
        // the small one fits, but waits behind the large one: the large one is never starved
        second.assertNotTerminated();
        small.assertNotTerminated();

        budget.release(600);
        second.assertItem(600);
        small.assertItem(100);
    }

    @Test
    void theDefaultBudgetFollowsTheMaximumHeap() {
        assertThat(LicenseBudget.forHeap(128L * 1024 * 1024)).isEqualTo(8192);
        assertThat(LicenseBudget.forHeap(6L * 1024 * 1024 * 1024)).isEqualTo(393_216);
        assertThat(LicenseBudget.forHeap(1024)).as("never none").isOne();
        assertThat(LicenseBudget.forHeap(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aConsoleLargerThanTheBudgetRunsAloneRatherThanNever() {
        UniAssertSubscriber<Integer> huge = admit(5000);
        UniAssertSubscriber<Integer> next = admit(1);

        huge.assertItem(1000);
        next.assertNotTerminated();
        budget.release(1000);
        next.assertItem(1);
    }

    @Test
    void anOverdrawHoldsBackNewConsolesUntilItIsPaidBack() {
        admit(500).assertItem(500);
        budget.overdraw(700);
        UniAssertSubscriber<Integer> waiting = admit(100);
        waiting.assertNotTerminated();

        budget.release(1200);
        waiting.assertItem(100);
    }

    @Test
    void releasesAdmitEveryWaiterThatFits() {
        admit(1000).assertItem(1000);
        List<UniAssertSubscriber<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(admit(200));
        }
        budget.release(1000);
        waiting.forEach(w -> w.assertItem(200));
        admit(1).assertNotTerminated();
    }

    private UniAssertSubscriber<Integer> admit(int expected) {
        Uni<Integer> admission = budget.admit(expected);
        return admission.subscribe().withSubscriber(UniAssertSubscriber.create());
    }
}
