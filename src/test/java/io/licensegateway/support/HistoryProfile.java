package io.licensegateway.support;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link SimulatedConsolesProfile} without its count cap on snapshots: history is kept by time alone
 * ({@code gateway.history.retention}, 400 days), as in production, so long edit sequences stay whole.
 */
public class HistoryProfile extends SimulatedConsolesProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        // an empty value is no value: the Optional key is unset
        overrides.put("gateway.snapshots.keep", "");
        return overrides;
    }
}
