package io.licensegateway.query;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a change-feed entry says happened to a license between two fetches of its console. A new version of a
 * license gives one entry per kind whose fields differ from the version it replaced; a license that first appears is
 * {@code added}, one gone from a complete fetch {@code removed}.
 */
enum ChangeKind {
    ADDED("added", List.of()),
    REMOVED("removed", List.of()),
    STATUS("status", List.of(LicenseField.STATUS)),
    EDITION("edition", List.of(LicenseField.EDITION)),
    LICENSE_TYPE("licenseType", List.of(LicenseField.LICENSE_TYPE)),
    EXPIRATION("expiration", List.of(LicenseField.LICENSE_EXPIRATION_DATE)),
    SUPPORT_EXPIRATION("supportExpiration", List.of(LicenseField.SUPPORT_EXPIRATION_DATE)),
    USAGE("usage", List.of(LicenseField.LICENSED_VMS, LicenseField.USED_VMS, LicenseField.NEW_VMS,
            LicenseField.LICENSED_BACKUPS, LicenseField.USED_BACKUPS, LicenseField.LICENSED_REPLICAS,
            LicenseField.USED_REPLICAS, LicenseField.LICENSED_SERVERS, LicenseField.USED_SERVERS,
            LicenseField.LICENSED_WORKSTATIONS, LicenseField.USED_WORKSTATIONS, LicenseField.TOTAL_INSTANCES,
            LicenseField.USED_INSTANCES)),
    /** Any other typed field: company, contacts, e-mails, support id, monitoring, backup server. */
    OTHER("other", null);

    private final String apiName;
    private final List<LicenseField> fields;

    ChangeKind(String apiName, List<LicenseField> fields) {
        this.apiName = apiName;
        this.fields = fields;
    }

    String apiName() {
        return apiName;
    }

    /** The fields whose change this kind reports; none for additions and removals. */
    List<LicenseField> fields() {
        if (fields != null) {
            return fields;
        }
        Set<LicenseField> named = Arrays.stream(values()).filter(k -> k.fields != null)
                .flatMap(k -> k.fields.stream()).collect(Collectors.toCollection(() -> EnumSet.noneOf(LicenseField.class)));
        return LicenseHistoryQueries.COMPARED.stream().filter(f -> !named.contains(f)).toList();
    }

    /** Whether this kind compares two versions (not an addition or removal). */
    boolean compares() {
        return this != ADDED && this != REMOVED;
    }

    static Optional<ChangeKind> byApiName(String name) {
        return Arrays.stream(values()).filter(k -> k.apiName.equalsIgnoreCase(name.trim())).findFirst();
    }

    static String apiNames() {
        return Arrays.stream(values()).map(k -> k.apiName).collect(Collectors.joining(", "));
    }
}
