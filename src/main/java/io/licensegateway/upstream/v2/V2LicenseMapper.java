package io.licensegateway.upstream.v2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.licensegateway.upstream.Editions;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.JsonItem;
import io.licensegateway.upstream.JsonItems;
import io.licensegateway.upstream.UpstreamException;
import io.licensegateway.upstream.UpstreamLicense;

/** Maps a page of {@code /v2/licensing/cloudconnectLicenses} (a bare JSON array) to the stored model. */
final class V2LicenseMapper {

    private static final JsonItems.Fields FIELDS = JsonItems.fields("id", "companyName", "licensedTo", "contactPerson",
            "licenseAdministratorEmail", "licenseeEmail", "edition", "licenseType", "status", "supportID", "monitoring",
            "licenseExpirationDate", "supportExpirationDate", "backupServerName", "licensedVMs", "usedVMs", "newVMs",
            "licensedCloudconnectBackups", "usedCloudconnectBackups", "licensedCloudconnectReplicas",
            "usedCloudconnectReplicas", "licensedCloudconnectServers", "usedCloudconnectServers",
            "licensedCloudconnectWorkstations", "usedCloudconnectWorkstations", "totalInstances", "usedInstances");

    List<UpstreamLicense> page(byte[] body) {
        try (JsonParser parser = JsonItems.open(body, VacV2Client.LICENSES)) {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new UpstreamException(ErrorKind.BAD_RESPONSE, VacV2Client.LICENSES + " answered JSON that is not an array");
            }
            List<JsonItem> items = JsonItems.array(parser, body, FIELDS, VacV2Client.LICENSES);
            List<UpstreamLicense> licenses = new ArrayList<>(items.size());
            for (JsonItem item : items) {
                licenses.add(license(item));
            }
            return licenses;
        } catch (IOException e) {
            throw JsonItems.notJson(VacV2Client.LICENSES);
        }
    }

    UpstreamLicense license(JsonItem item) {
        String id = item.text("id");
        if (id == null || id.isBlank()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, VacV2Client.LICENSES + " answered a license without id");
        }
        return new UpstreamLicense(
                id,
                item.text("companyName"),
                item.text("licensedTo"),
                item.text("contactPerson"),
                item.text("licenseAdministratorEmail"),
                item.text("licenseeEmail"),
                Editions.canonical(item.text("edition")),
                item.text("licenseType"),
                item.text("status"),
                item.text("supportID"),
                item.text("monitoring"),
                item.dateTime("licenseExpirationDate"),
                item.dateTime("supportExpirationDate"),
                item.text("backupServerName"),
                item.integer("licensedVMs"),
                item.integer("usedVMs"),
                item.integer("newVMs"),
                item.integer("licensedCloudconnectBackups"),
                item.integer("usedCloudconnectBackups"),
                item.integer("licensedCloudconnectReplicas"),
                item.integer("usedCloudconnectReplicas"),
                item.integer("licensedCloudconnectServers"),
                item.integer("usedCloudconnectServers"),
                item.integer("licensedCloudconnectWorkstations"),
                item.integer("usedCloudconnectWorkstations"),
                item.decimal("totalInstances"),
                item.decimal("usedInstances"),
                item.raw());
    }
}
