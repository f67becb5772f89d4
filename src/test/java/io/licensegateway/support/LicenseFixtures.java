package io.licensegateway.support;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.licensegateway.upstream.UpstreamLicense;

/** Hand-made licenses with the fields the query tests care about. */
public final class LicenseFixtures {

    public static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

    private LicenseFixtures() {
    }

    /** Counters in the order vms, backups, replicas, servers, workstations (licensed, used each), then instances. */
    public static UpstreamLicense license(String id, String company, String licensedTo, String status, String edition,
            String type, Integer expiresInDays, Integer supportExpiresInDays, int[] counters, String totalInstances,
            String usedInstances) {
        return new UpstreamLicense(id, company, licensedTo, "Contact " + id, "admin@" + id + ".example",
                "owner@" + id + ".example", edition, type, status, "S-" + id, "Yes",
                expiresInDays == null ? null : NOW.plusDays(expiresInDays),
                supportExpiresInDays == null ? null : NOW.plusDays(supportExpiresInDays), "vcc-" + id,
                counters[0], counters[1], 0, counters[2], counters[3], counters[4], counters[5], counters[6], counters[7],
                counters[8], counters[9], totalInstances == null ? null : new BigDecimal(totalInstances),
                usedInstances == null ? null : new BigDecimal(usedInstances),
                "{\"id\":\"" + id + "\"}");
    }
}
