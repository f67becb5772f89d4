package io.licensegateway.usage;

import java.util.ArrayList;
import java.util.List;

import io.licensegateway.web.Csv;

/** The monthly usage as CSV: one line per group, four columns per counter. */
final class UsageCsv {

    private UsageCsv() {
    }

    static String header() {
        List<String> header = new ArrayList<>(List.of("month", "partial", "groupBy", "key", "name", "licenses",
                "consoles", "coverage", "daysWithData"));
        for (UsageQueries.Counter counter : UsageQueries.COUNTERS) {
            for (String figure : List.of("Licensed", "PeakUsed", "UsedAtEnd", "PeakTotal")) {
                header.add(counter.name() + figure);
            }
        }
        return Csv.line(header);
    }

    static String line(String month, boolean partial, String groupBy, MonthlyUsage.Group group) {
        List<Object> line = new ArrayList<>(List.of(month, partial, groupBy));
        line.add(group.key());
        line.add(group.name());
        line.add(group.licenses());
        line.add(String.join(" ", group.consoles()));
        line.add(group.coverage());
        line.add(group.daysWithData());
        MonthlyUsage.Counters c = group.counters();
        for (MonthlyUsage.Counter counter : List.of(c.instances(), c.vms(), c.cloudconnectBackups(),
                c.cloudconnectReplicas(), c.cloudconnectServers(), c.cloudconnectWorkstations())) {
            line.add(counter.licensed());
            line.add(counter.peakUsed());
            line.add(counter.usedAtEnd());
            line.add(counter.peakTotal());
        }
        return Csv.line(line);
    }
}
