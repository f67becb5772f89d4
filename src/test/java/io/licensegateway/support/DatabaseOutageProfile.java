package io.licensegateway.support;

import java.util.List;

/** The simulated consoles, with the gateway's database connections running through a proxy the test can cut. */
public class DatabaseOutageProfile extends SimulatedConsolesProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatorResource.class), new TestResourceEntry(DatabaseProxyResource.class));
    }
}
