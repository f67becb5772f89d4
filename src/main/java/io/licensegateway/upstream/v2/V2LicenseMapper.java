package io.licensegateway.upstream.v2;

import static io.licensegateway.upstream.JsonFields.dateTime;
import static io.licensegateway.upstream.JsonFields.decimal;
import static io.licensegateway.upstream.JsonFields.integer;
import static io.licensegateway.upstream.JsonFields.text;
import static io.licensegateway.upstream.JsonFields.tree;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.upstream.Editions;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.UpstreamException;
import io.licensegateway.upstream.UpstreamLicense;

/** Maps a page of {@code /v2/licensing/cloudconnectLicenses} (a bare JSON array) to the stored model. */
final class V2LicenseMapper {

    private final ObjectMapper json;

    V2LicenseMapper(ObjectMapper json) {
        this.json = json;
    }

    List<UpstreamLicense> page(String body) {
        JsonNode array = tree(json, body, VacV2Client.LICENSES);
        if (!array.isArray()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, VacV2Client.LICENSES + " answered JSON that is not an array");
        }
        List<UpstreamLicense> licenses = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            licenses.add(license(item));
        }
        return licenses;
    }

    UpstreamLicense license(JsonNode item) {
        String id = text(item, "id");
        if (id == null || id.isBlank()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, VacV2Client.LICENSES + " answered a license without id");
        }
        return new UpstreamLicense(
                id,
                text(item, "companyName"),
                text(item, "licensedTo"),
                text(item, "contactPerson"),
                text(item, "licenseAdministratorEmail"),
                text(item, "licenseeEmail"),
                Editions.canonical(text(item, "edition")),
                text(item, "licenseType"),
                text(item, "status"),
                text(item, "supportID"),
                text(item, "monitoring"),
                dateTime(item, "licenseExpirationDate"),
                dateTime(item, "supportExpirationDate"),
                text(item, "backupServerName"),
                integer(item, "licensedVMs"),
                integer(item, "usedVMs"),
                integer(item, "newVMs"),
                integer(item, "licensedCloudconnectBackups"),
                integer(item, "usedCloudconnectBackups"),
                integer(item, "licensedCloudconnectReplicas"),
                integer(item, "usedCloudconnectReplicas"),
                integer(item, "licensedCloudconnectServers"),
                integer(item, "usedCloudconnectServers"),
                integer(item, "licensedCloudconnectWorkstations"),
                integer(item, "usedCloudconnectWorkstations"),
                decimal(item, "totalInstances"),
                decimal(item, "usedInstances"),
                item.toString());
    }
}
