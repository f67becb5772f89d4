package io.licensegateway.upstream.v3;

import static io.licensegateway.upstream.JsonFields.dateTime;
import static io.licensegateway.upstream.JsonFields.decimal;
import static io.licensegateway.upstream.JsonFields.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.licensegateway.upstream.Editions;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.UpstreamException;
import io.licensegateway.upstream.UpstreamLicense;

/**
 * Maps VSPC v3 {@code SiteLicense} items to the stored model, which follows VAC v2: {@code siteUid} is the id,
 * {@code company} fills both {@code licensedTo} and {@code companyName}, and the VCC server's name comes from
 * the {@code siteName} of the matching infrastructure site. v3 has no per-workload counters and no licence
 * administrator e-mail: those stay null. {@code raw} is the {@code SiteLicense} as received.
 */
final class V3LicenseMapper {

    List<UpstreamLicense> licenses(List<JsonNode> siteLicenses, List<JsonNode> sites) {
        Map<String, String> siteNames = new HashMap<>();
        sites.forEach(site -> {
            String uid = text(site, "siteUid");
            if (uid != null) {
                siteNames.put(key(uid), text(site, "siteName"));
            }
        });
        Set<String> seen = new HashSet<>();
        List<UpstreamLicense> licenses = new ArrayList<>(siteLicenses.size());
        for (JsonNode item : siteLicenses) {
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

    UpstreamLicense license(JsonNode item, Map<String, String> siteNames) {
        String id = text(item, "siteUid");
        if (id == null || id.isBlank()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, VspcV3Client.LICENSES + " answered a license without siteUid");
        }
        BigDecimal units = decimal(item, "units");
        BigDecimal usedUnits = decimal(item, "usedUnits");
        boolean instances = countsInstances(item);
        return new UpstreamLicense(
                id,
                text(item, "company"),
                text(item, "company"),
                text(item, "contactPerson"),
                null,
                text(item, "email"),
                Editions.canonical(text(item, "edition")),
                text(item, "type"),
                text(item, "status"),
                firstSupportId(item),
                monitoring(item),
                dateTime(item, "expirationDate"),
                dateTime(item, "supportExpirationDate"),
                siteNames.get(key(id)),
                null, null, null, null, null, null, null, null, null, null, null,
                instances ? units : null,
                instances ? usedUnits : null,
                item.toString());
    }

    /**
     * The instance fields carry instances only. Points are another currency: summed with instances across
     * consoles they would be wrong, so a {@code Points} (or {@code Unknown}) licence leaves them null and keeps
     * its units, with its {@code unitType}, in {@code raw}. A missing {@code unitType} means instances.
     */
    private static boolean countsInstances(JsonNode item) {
        String unitType = text(item, "unitType");
        return unitType == null || unitType.equalsIgnoreCase("Instances");
    }

    private static String firstSupportId(JsonNode item) {
        JsonNode ids = item.get("supportIds");
        if (ids == null || ids.isNull()) {
            return null;
        }
        if (!ids.isArray()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, "field supportIds is not an array");
        }
        return ids.isEmpty() || ids.get(0).isNull() ? null : ids.get(0).asText();
    }

    /** v2 printed {@code Yes}/{@code No}; v3 has a boolean. */
    private static String monitoring(JsonNode item) {
        JsonNode value = item.get("monitoring");
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isBoolean() ? (value.booleanValue() ? "Yes" : "No") : value.asText();
    }

    /** UIDs are GUIDs; their case may differ between resources. */
    private static String key(String uid) {
        return uid.toLowerCase(Locale.ROOT);
    }
}
