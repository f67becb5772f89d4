package io.licensegateway.upstream.v3;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.licensegateway.upstream.Editions;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.JsonItem;
import io.licensegateway.upstream.JsonItems;
import io.licensegateway.upstream.UpstreamException;
import io.licensegateway.upstream.UpstreamLicense;

/**
 * Maps VSPC v3 {@code SiteLicense} items to the stored model, which follows VAC v2: {@code siteUid} is the id,
 * {@code company} fills both {@code licensedTo} and {@code companyName}, and the VCC server's name comes from
 * the {@code siteName} of the matching infrastructure site. v3 has no per-workload counters and no licence
 * administrator e-mail: those stay null. {@code raw} is the {@code SiteLicense} as received.
 */
final class V3LicenseMapper {

    static final JsonItems.Fields LICENSE_FIELDS = JsonItems.fields("siteUid", "company", "contactPerson", "email",
            "edition", "type", "status", "supportIds", "monitoring", "expirationDate", "supportExpirationDate", "units",
            "usedUnits", "unitType");
    static final JsonItems.Fields SITE_FIELDS = JsonItems.fields("siteUid", "siteName");

    List<UpstreamLicense> licenses(List<JsonItem> siteLicenses, List<JsonItem> sites) {
        Map<String, String> siteNames = new HashMap<>();
        sites.forEach(site -> {
            String uid = site.text("siteUid");
            if (uid != null) {
                siteNames.put(key(uid), site.text("siteName"));
            }
        });
        Set<String> seen = new HashSet<>();
        List<UpstreamLicense> licenses = new ArrayList<>(siteLicenses.size());
        for (JsonItem item : siteLicenses) {
            UpstreamLicense license = license(item, siteNames);
            // Overlapping pages (a console that ignores offset but reports it) would store a site twice.
            if (!seen.add(key(license.id()))) {
                throw new UpstreamException(ErrorKind.BAD_RESPONSE,
                        VspcV3Client.LICENSES + " answered site " + license.id() + " twice");
            }
            licenses.add(license);
        }
        return licenses;
    }

    UpstreamLicense license(JsonItem item, Map<String, String> siteNames) {
        String id = item.text("siteUid");
        if (id == null || id.isBlank()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, VspcV3Client.LICENSES + " answered a license without siteUid");
        }
        BigDecimal units = item.decimal("units");
        BigDecimal usedUnits = item.decimal("usedUnits");
        boolean instances = countsInstances(item);
        return new UpstreamLicense(
                id,
                item.text("company"),
                item.text("company"),
                item.text("contactPerson"),
                null,
                item.text("email"),
                Editions.canonical(item.text("edition")),
                item.text("type"),
                item.text("status"),
                item.first("supportIds"),
                monitoring(item),
                item.dateTime("expirationDate"),
                item.dateTime("supportExpirationDate"),
                siteNames.get(key(id)),
                null, null, null, null, null, null, null, null, null, null, null,
                instances ? units : null,
                instances ? usedUnits : null,
                item.raw());
    }

    /**
     * The instance fields carry instances only. Points are another currency: summed with instances across
     * consoles they would be wrong, so a {@code Points} (or {@code Unknown}) licence leaves them null and keeps
     * its units, with its {@code unitType}, in {@code raw}. A missing {@code unitType} means instances.
     */
    private static boolean countsInstances(JsonItem item) {
        String unitType = item.text("unitType");
        return unitType == null || unitType.equalsIgnoreCase("Instances");
    }


    /** v2 printed {@code Yes}/{@code No}; v3 has a boolean. */
    private static String monitoring(JsonItem item) {
        Boolean value = item.bool("monitoring");
        return value == null ? item.text("monitoring") : value ? "Yes" : "No";
    }

    /** UIDs are GUIDs; their case may differ between resources. */
    private static String key(String uid) {
        return uid.toLowerCase(Locale.ROOT);
    }
}
