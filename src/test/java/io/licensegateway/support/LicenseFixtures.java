package io.licensegateway.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.licensegateway.upstream.UpstreamLicense;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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
                raw(id, company, licensedTo, status, edition, type, expiresInDays, supportExpiresInDays, counters,
                        totalInstances, usedInstances).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The item "as received": its fields, so that fixtures with different content differ as upstream items do (the
     * store keeps a license's version while its item is the same).
     */
    private static String raw(String id, String company, String licensedTo, String status, String edition, String type,
            Integer expiresInDays, Integer supportExpiresInDays, int[] counters, String totalInstances,
            String usedInstances) {
        JsonArray numbers = new JsonArray();
        for (int counter : counters) {
            numbers.add(counter);
        }
        return new JsonObject().put("id", id).put("companyName", company).put("licensedTo", licensedTo)
                .put("status", status).put("edition", edition).put("licenseType", type)
                .put("expiresInDays", expiresInDays).put("supportExpiresInDays", supportExpiresInDays)
                .put("counters", numbers).put("totalInstances", totalInstances).put("usedInstances", usedInstances)
                .encode();
    }
}
