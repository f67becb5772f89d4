package io.licensegateway.simulator;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The VSPC v3 shapes of a generated (v2-shaped) license: its {@code SiteLicense}, and the infrastructure site
 * that names it. Dates are rewritten the way v3 prints them (seven fraction digits, local offset); about one
 * license in seven is counted in points rather than instances.
 */
final class V3Shapes {

    private static final ZoneOffset CONSOLE_OFFSET = ZoneOffset.ofHours(-7);

    private V3Shapes() {
    }

    static JsonObject siteLicense(JsonObject v2) {
        String id = v2.getString("id");
        boolean points = Math.floorMod(id.hashCode(), 7) == 0;
        return new JsonObject()
                .put("siteUid", id)
                .put("autoUpdateEnabled", Math.floorMod(id.hashCode(), 2) == 0)
                .put("edition", v2.getString("edition"))
                .put("monitoring", "Yes".equals(v2.getString("monitoring")))
                .put("packages", new JsonArray().add("Suite"))
                .put("company", v2.getString("licensedTo"))
                .put("email", v2.getString("licenseeEmail"))
                .put("contactPerson", v2.getString("contactPerson"))
                .put("expirationDate", v3Date(v2.getString("licenseExpirationDate")))
                .put("supportExpirationDate", v3Date(v2.getString("supportExpirationDate")))
                .put("licenseIds", new JsonArray().add(derivedUid("license", id)))
                .put("supportIds", new JsonArray().add(v2.getString("supportID")))
                .put("sectionTypes", new JsonArray().add("Instance"))
                .put("status", v2.getString("status"))
                .put("cloudConnect", "Yes")
                .put("units", v2.getNumber("totalInstances").doubleValue())
                .put("usedUnits", v2.getNumber("usedInstances").doubleValue())
                .put("unitType", points ? "Points" : "Instances")
                .put("type", v2.getString("licenseType"));
    }

    static JsonObject site(JsonObject v2) {
        String id = v2.getString("id");
        return new JsonObject()
                .put("siteName", v2.getString("backupServerName"))
                .put("siteUid", id)
                .put("description", "Simulated Cloud Connect site")
                .put("backupServerUid", derivedUid("server", id))
                .put("managementAgentUid", derivedUid("agent", id))
                .put("maintenanceModeIsEnabled", false);
    }

    private static String v3Date(String v2) {
        return v2 == null ? null : LicenseGenerator.SEVEN_DIGITS.format(
                OffsetDateTime.parse(v2).withOffsetSameInstant(CONSOLE_OFFSET));
    }

    private static String derivedUid(String kind, String id) {
        return UUID.nameUUIDFromBytes((kind + ":" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
