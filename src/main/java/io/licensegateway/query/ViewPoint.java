package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged view a request reads: every license version valid at {@code at}, and per console the snapshot that was
 * current then. A cursor carries {@code at}, so later pages read the same view while refreshes land.
 */
record ViewPoint(OffsetDateTime at, List<ConsoleStatus> consoles, Map<String, ConsoleStatus> byName) {

    static ViewPoint of(OffsetDateTime at, List<ConsoleStatus> consoles) {
        Map<String, ConsoleStatus> byName = new HashMap<>();
        consoles.forEach(c -> byName.put(c.name(), c));
        return new ViewPoint(at, consoles, Map.copyOf(byName));
    }

    /** The view's snapshot ids, for entity tags. */
    List<Long> snapshots() {
        return consoles.stream().map(ConsoleStatus::snapshotId).filter(java.util.Objects::nonNull).toList();
    }

    /** A property of the console's snapshot in this view: {@code asOf} or {@code snapshotId}. */
    Object snapshotProperty(String console, LicenseField field) {
        ConsoleStatus status = byName.get(console);
        if (status == null) {
            return null;
        }
        return field == LicenseField.AS_OF ? status.asOf() : status.snapshotId();
    }
}
