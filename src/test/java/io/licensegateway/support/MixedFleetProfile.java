package io.licensegateway.support;

import java.util.List;
import java.util.Map;

/**
 * The settings of {@link SimulatedConsolesProfile} with a mixed fleet: two v2 consoles ({@code sim-01},
 * {@code sim-02}), four v3 consoles logging in with a password ({@code v3p-01} … {@code v3p-04}) and four v3
 * consoles sending their API key ({@code v3k-01} … {@code v3k-04}).
 */
public class MixedFleetProfile extends SimulatedConsolesProfile {

    public static final int V2 = 2;
    public static final int V3_PASSWORD = 4;
    public static final int V3_API_KEY = 4;
    public static final int CONSOLES = V2 + V3_PASSWORD + V3_API_KEY;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatorResource.class, Map.of(
                SimulatorResource.V2, String.valueOf(V2),
                SimulatorResource.V3_PASSWORD, String.valueOf(V3_PASSWORD),
                SimulatorResource.V3_API_KEY, String.valueOf(V3_API_KEY))));
    }
}
