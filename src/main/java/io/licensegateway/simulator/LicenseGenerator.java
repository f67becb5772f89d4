package io.licensegateway.simulator;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import io.vertx.core.json.JsonObject;

/**
 * Deterministic, realistic Cloud Connect licenses in the VAC v2 shape: the same console name, count and
 * seed always give the same licenses.
 */
final class LicenseGenerator {

    private static final String[] EDITIONS = { "Standard", "Enterprise", "Enterprise Plus", "EnterprisePlus" };
    private static final String[] TYPES = { "Rental", "Rental", "Rental", "Subscription", "Perpetual", "NFR", "Evaluation" };
    private static final String[] STATUSES = { "Valid", "Valid", "Valid", "Valid", "Warning", "Error", "Unknown" };
    private static final String[] COMPANY_WORDS = { "Alpine", "Northwind", "Contoso", "Fabrikam", "Globex", "Initech",
            "Umbrella", "Hooli", "Vandelay", "Wayne", "Stark", "Acme", "Tyrell", "Cyberdyne", "Soylent", "Müller" };
    private static final String[] COMPANY_SUFFIXES = { "AG", "GmbH", "Ltd", "Inc.", "S.A.", "B.V.", "Oy", "LLC" };
    private static final String[] FIRST = { "John", "Anna", "Luca", "Mei", "Olga", "Pierre", "Sara", "Tomás", "Yuki" };
    private static final String[] LAST = { "Smith", "Novak", "Rossi", "Chen", "Ivanova", "Dupont", "Berg", "García" };
    static final DateTimeFormatter SEVEN_DIGITS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSxxx");

    private LicenseGenerator() {
    }

    static List<JsonObject> generate(String console, int count, long seed, LocalDate today) {
        Random random = new Random(seed ^ console.hashCode());
        List<JsonObject> licenses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            licenses.add(license(console, i, random, today));
        }
        return licenses;
    }

    private static JsonObject license(String console, int index, Random r, LocalDate today) {
        String company = pick(r, COMPANY_WORDS) + " " + pick(r, COMPANY_WORDS) + " " + pick(r, COMPANY_SUFFIXES);
        String person = pick(r, FIRST) + " " + pick(r, LAST);
        String domain = company.toLowerCase().replaceAll("[^a-z]", "") + ".example";
        LocalDate expires = today.plusDays(r.nextInt(760) - 120);
        int backups = 50 + r.nextInt(950);
        int replicas = r.nextInt(4) == 0 ? 0 : 10 + r.nextInt(490);
        int servers = r.nextInt(200);
        int workstations = r.nextInt(300);
        int instances = backups + servers + workstations + r.nextInt(200);
        JsonObject license = new JsonObject()
                .put("id", new UUID(console.hashCode(), index).toString())
                .put("contactPerson", r.nextInt(10) == 0 ? null : person)
                .put("licenseAdministratorEmail", "admin@" + domain)
                .put("licenseeEmail", person.toLowerCase().replace(' ', '.') + "@" + domain)
                .put("edition", pick(r, EDITIONS))
                .put("monitoring", r.nextBoolean() ? "Yes" : "No")
                .put("licensedTo", r.nextInt(12) == 0 ? null : company)
                .put("licenseType", pick(r, TYPES))
                .put("status", expires.isBefore(today) ? "Error" : pick(r, STATUSES))
                .put("supportID", String.valueOf(100_000_000 + r.nextInt(900_000_000)))
                .put("licenseExpirationDate", ISO_OFFSET_DATE_TIME.format(expires.atTime(21, 0).atOffset(ZoneOffset.UTC)))
                .put("supportExpirationDate", r.nextInt(8) == 0 ? null
                        : SEVEN_DIGITS.format(expires.minusDays(r.nextInt(60)).atTime(7, 50, 42, 242_390_600)
                                .atOffset(ZoneOffset.ofHours(3))))
                .put("licensedVMs", 0)
                .put("usedVMs", 0)
                .put("backupServerName", "vcc-" + console + "-" + (index % 50 + 1))
                .put("companyName", company)
                .put("newVMs", r.nextInt(5))
                .put("licensedCloudconnectBackups", backups)
                .put("usedCloudconnectBackups", r.nextInt(backups + 1))
                .put("licensedCloudconnectReplicas", replicas)
                .put("usedCloudconnectReplicas", r.nextInt(replicas + 1))
                .put("licensedCloudconnectServers", servers)
                .put("usedCloudconnectServers", r.nextInt(servers + 1))
                .put("licensedCloudconnectWorkstations", workstations)
                .put("usedCloudconnectWorkstations", r.nextInt(workstations + 1))
                .put("totalInstances", instances)
                .put("usedInstances", Math.round(r.nextDouble() * instances * 100) / 100.0);
        return license;
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
