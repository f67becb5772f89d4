package io.licensegateway.support;

import java.util.List;
import java.util.Map;

/**
 * {@link SimulatedConsolesProfile}'s fast failure settings with three consoles and two webhook targets on a real
 * receiver ({@link WebhookReceiverResource}); the application's sender delivers.
 */
public class WebhookProfile extends SimulatedConsolesProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatorResource.class, Map.of(SimulatorResource.V2, "3")),
                new TestResourceEntry(WebhookReceiverResource.class));
    }

    /** The same, but the application's own sender is off: the tests start senders of their own. */
    public static class SenderOff extends SimulatedConsolesProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SimulatorResource.class, Map.of(SimulatorResource.V2, "3")),
                    new TestResourceEntry(WebhookReceiverResource.class, Map.of(WebhookReceiverResource.SENDER, "false")));
        }
    }
}
