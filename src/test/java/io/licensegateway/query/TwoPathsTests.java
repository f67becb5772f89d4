package io.licensegateway.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.licensegateway.support.Database;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.web.QueryParameters;
import io.licensegateway.support.Snapshots;
import io.licensegateway.upstream.UpstreamLicense;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The in-memory view and the store's view as of the same time are one view: random queries over a generated dataset
 * (company spellings, wildcards in names, nulls everywhere, sort ties, decimals of several scales, a second snapshot
 * that closes versions) get the same rows, totals, cursor walks and summary groups from both paths.
 */
@QuarkusTest
@TestProfile(TwoPathsTests.SmallTotals.class)
class TwoPathsTests {

    /** A small track-total-hits, so that bounded totals ({@code gte}) are compared too. */
    public static class SmallTotals extends SimulatedConsolesProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("gateway.query.track-total-hits", "50");
            return overrides;
        }
    }

    private static final long SEED = 20261203L;
    private static final List<String> CONSOLES = List.of("sim-01", "sim-02", "sim-03", "sim-04", "sim-05");
    /** Consoles whose second snapshot changes, removes and adds licenses. */
    private static final List<String> CHANGED = List.of("sim-02", "sim-04");
    /**
     * Whole days from here plus 3, 9, 15 or 21 hours: no expiry lies within hours of now + 0/30/60/90 days, so the
     * expiry counts of the memory path (from now) and the store path (from asOf, seconds earlier) agree.
     */
    private static final OffsetDateTime BASE = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);

    private static final List<String> COMPANIES = List.of("Contoso GmbH", "CONTOSO gmbh.", "Contoso", "contoso  GmbH ",
            "Fabrikam, Inc.", "FABRIKAM INC", "Fabrikam", "Ünïcode GmbH", "Unicode GmbH", "UNICODE", "100%_Match",
            "50% Off_Shop Ltd", "a_b%c", "Northwind Traders", "Northwind Traders Ltd.", "İş Bankası A.Ş.",
            "IŞ BANKASI", "ΟΔΥΣΣΕΑΣ Α.Ε.", "Straße GmbH", "STRASSE GMBH", "Wobbleton Traders", "Plughat AG",
            "Zürich Versicherung AG", "zurich versicherung", "Ǆemal d.o.o.");
    private static final List<String> PEOPLE = List.of("Anna Müller", "ANNA MÜLLER", "Ola Nordmann", "J. Doe",
            "Ирина Петрова", "Σοφία", "O'Brien", "Max_Power", "50%er");
    private static final List<String> EDITIONS = List.of("Enterprise Plus", "Enterprise", "Standard");
    private static final List<String> STATUSES = List.of("Valid", "Warning", "Error", "Expired");
    private static final List<String> TYPES = List.of("Rental", "Subscription", "Perpetual", "NFR", "Evaluation");
    private static final List<LicenseField> SORTABLE = Arrays.stream(LicenseField.values()).filter(LicenseField::stored)
            .toList();
    private static final List<String> GROUPS = Arrays.asList(null, "console", "edition", "licenseType", "status",
            "company");

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Inject
    Database database;

    @Inject
    Snapshots snapshots;

    @Inject
    CurrentView current;

    @Inject
    ObjectMapper served;

    @Test
    void memoryAndStoreGiveTheSameAnswers() {
        Random random = new Random(SEED);
        database.clear();
        Map<String, List<UpstreamLicense>> first = new LinkedHashMap<>();
        for (String console : CONSOLES) {
            List<UpstreamLicense> licenses = new ArrayList<>();
            int size = 150 + random.nextInt(150);
            for (int i = 0; i < size; i++) {
                licenses.add(license(random, console, i));
            }
            first.put(console, licenses);
            snapshots.store(console, licenses);
        }
        alias("Plughat GmbH", "Wobbleton Traders");
        alias("Contoso", "Zürich Versicherung AG");
        OffsetDateTime before = at();
        List<UpstreamLicense> all = first.values().stream().flatMap(List::stream).toList();

        // the first version, answered from memory now and compared with the store's history after the second
        List<String> earlier = new ArrayList<>();
        Map<String, JsonNode> remembered = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            String query = listQuery(random, all);
            earlier.add(query);
            remembered.put(query, page("/api/v1/licenses?" + query));
            compareList(query, before, 1);
        }

        for (String console : CHANGED) {
            snapshots.store(console, changed(random, console, first.get(console)));
        }
        OffsetDateTime after = at();
        assertThat(after).isAfter(before);
        assertThat(current.at(before)).as("the first version is still kept in memory").isPresent();
        assertThat(database.count("select count(*) from license_history where valid_to > $1", before)).isPositive();

        for (String query : earlier) {
            JsonNode store = page("/api/v1/licenses?" + query + "&asOf=" + encode(before.toString()));
            assertSame(query + " (asOf the first version, after the second)", remembered.get(query), store);
            walk(query, remembered.get(query), store, before, 2);
        }
        for (int i = 0; i < 320; i++) {
            compareList(listQuery(random, all), after, random.nextInt(4) == 0 ? 3 : 1);
        }
        for (String groupBy : GROUPS) {
            for (int i = 0; i < 25; i++) {
                String filters = filters(random, all);
                String query = groupBy == null ? filters : filters + (filters.isEmpty() ? "" : "&") + "groupBy=" + groupBy;
                compareSummary(query, after);
                if (i < 5) {
                    compareSummary(query, before);
                }
            }
        }
    }

    private OffsetDateTime at() {
        return current.latest().orElseThrow().at();
    }

    private void alias(String company, String spelling) {
        given().contentType(ContentType.JSON).body(Map.of("spellings", List.of(spelling)))
                .put("/api/v1/companies/aliases/" + company).then().statusCode(200);
        // a commit of this test, so the view has taken the alias in before the next read
        database.execute("select 1");
    }

    /** The first page both ways, then {@code pages - 1} more by each path's own cursor. */
    private void compareList(String query, OffsetDateTime at, int pages) {
        JsonNode memory = page("/api/v1/licenses?" + query);
        JsonNode store = page("/api/v1/licenses?" + query + "&asOf=" + encode(at.toString()));
        assertSame(query, memory, store);
        walk(query, memory, store, at, pages - 1);
    }

    /** Follows each answer's cursor (the memory one without asOf, the store one with it) for {@code pages} pages. */
    private void walk(String query, JsonNode memory, JsonNode store, OffsetDateTime at, int pages) {
        String base = Arrays.stream(query.split("&")).filter(p -> !p.startsWith("offset="))
                .collect(Collectors.joining("&"));
        for (int i = 0; i < pages; i++) {
            JsonNode memoryCursor = memory.path("meta").path("nextCursor");
            JsonNode storeCursor = store.path("meta").path("nextCursor");
            assertThat(memoryCursor.isTextual()).as("a next page both ways or neither: %s%nmemory: %s%nstore: %s",
                    query, memory, store).isEqualTo(storeCursor.isTextual());
            if (!memoryCursor.isTextual()) {
                return;
            }
            String next = base + " (page " + (i + 2) + ")";
            memory = page("/api/v1/licenses?" + base + "&cursor=" + encode(memoryCursor.asText()));
            store = page("/api/v1/licenses?" + base + "&cursor=" + encode(storeCursor.asText()) + "&asOf="
                    + encode(at.toString()));
            assertSame(next, memory, store);
        }
    }

    private static void assertSame(String query, JsonNode memory, JsonNode store) {
        assertThat(store.path("data")).as("rows of %s%nmemory: %s%nstore:  %s", query, memory, store)
                .isEqualTo(memory.path("data"));
        for (String field : List.of("total", "totalRelation")) {
            assertThat(store.path("meta").path(field)).as("meta.%s of %s%nmemory: %s%nstore:  %s", field, query,
                    memory.path("meta"), store.path("meta")).isEqualTo(memory.path("meta").path(field));
        }
    }

    private void compareSummary(String query, OffsetDateTime at) {
        JsonNode store = page("/api/v1/licenses/summary?" + (query.isEmpty() ? "" : query + "&") + "asOf=" + encode(at.toString()));
        JsonNode memory;
        if (at.isEqual(at())) {
            memory = page("/api/v1/licenses/summary" + (query.isEmpty() ? "" : "?" + query));
        } else {
            // an older version: the beans' own summary of it, expiry counted from its time as the store counts
            View view = current.at(at).orElseThrow();
            jakarta.ws.rs.core.MultivaluedMap<String, String> parameters = new jakarta.ws.rs.core.MultivaluedHashMap<>();
            Arrays.stream(query.split("&")).filter(p -> !p.isEmpty()).map(p -> p.split("=", 2))
                    .forEach(p -> parameters.add(decode(p[0]), decode(p[1])));
            QueryParameters read = new QueryParameters(parameters, SummaryQueries.PARAMETERS);
            String groupBy = read.oneOf("groupBy", "console", "edition", "licensetype", "status", "company");
            try {
                // written as the API writes it
                memory = json.readTree(served.writeValueAsString(Map.of("groups",
                        SummaryQueries.summarise(view, LicenseFilter.from(read), groupBy, at))));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(store.path("groups")).as("summary groups of %s (as of %s)%nmemory: %s%nstore:  %s", query, at,
                memory.path("groups"), store.path("groups")).isEqualTo(memory.path("groups"));
    }

    private JsonNode page(String path) {
        Response response = given().urlEncodingEnabled(false).get(path);
        try {
            JsonNode body = json.readTree(response.asString());
            assertThat(response.statusCode()).as("%s answered %s", path, body).isEqualTo(200);
            return body;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(path + ": " + response.asString(), e);
        }
    }

    // ---- the dataset ----

    private static UpstreamLicense license(Random r, String console, int n) {
        String id = (r.nextInt(5) == 0 ? "L" : "l") + "-" + console.substring(4) + "-" + String.format("%04d", n);
        return license(r, id);
    }

    private static UpstreamLicense license(Random r, String id) {
        String company = maybe(r, pick(r, COMPANIES));
        String licensedTo = maybe(r, r.nextBoolean() ? company : pick(r, PEOPLE) + (r.nextBoolean() ? "" : " & Co"));
        String contact = maybe(r, pick(r, PEOPLE));
        String domain = company == null ? "example.org"
                : company.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT) + ".example";
        String admin = maybe(r, (r.nextBoolean() ? "Admin@" : "admin@") + domain);
        String licensee = maybe(r, "owner_" + r.nextInt(30) + "@" + domain.toUpperCase(Locale.ROOT));
        Object[] values = { id, company, licensedTo, contact, admin, licensee, maybe(r, pick(r, EDITIONS)),
                maybe(r, pick(r, TYPES)), maybe(r, pick(r, STATUSES)), maybe(r, "S-" + r.nextInt(40)),
                maybe(r, r.nextBoolean() ? "Yes" : "No"), date(r), date(r), maybe(r, "vcc-" + r.nextInt(25)),
                count(r), count(r), count(r), count(r), count(r), count(r), count(r), count(r), count(r), count(r),
                count(r), decimal(r), decimal(r) };
        // the item as received: its fields, so that changed content is a changed item
        io.vertx.core.json.JsonArray item = new io.vertx.core.json.JsonArray();
        Arrays.stream(values).map(String::valueOf).forEach(item::add);
        byte[] raw = item.encode().getBytes(StandardCharsets.UTF_8);
        return new UpstreamLicense(id, company, licensedTo, contact, admin, licensee, (String) values[6],
                (String) values[7], (String) values[8], (String) values[9], (String) values[10],
                (OffsetDateTime) values[11], (OffsetDateTime) values[12], (String) values[13], (Integer) values[14],
                (Integer) values[15], (Integer) values[16], (Integer) values[17], (Integer) values[18],
                (Integer) values[19], (Integer) values[20], (Integer) values[21], (Integer) values[22],
                (Integer) values[23], (Integer) values[24], (BigDecimal) values[25], (BigDecimal) values[26], raw);
    }

    /** The second snapshot: a tenth removed, a fifth changed, some added. */
    private static List<UpstreamLicense> changed(Random r, String console, List<UpstreamLicense> first) {
        List<UpstreamLicense> next = new ArrayList<>();
        for (UpstreamLicense license : first) {
            int fate = r.nextInt(10);
            if (fate >= 1) {
                next.add(fate <= 2 ? license(r, license.id()) : license);
            }
        }
        for (int i = 0; i < 20; i++) {
            next.add(license(r, console, 5000 + i));
        }
        return next;
    }

    private static <T> T maybe(Random r, T value) {
        return r.nextInt(8) == 0 ? null : value;
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static OffsetDateTime date(Random r) {
        if (r.nextInt(7) == 0) {
            return null;
        }
        OffsetDateTime date = BASE.plusDays(r.nextInt(500) - 200).plusHours(3 + 6 * r.nextInt(4));
        return r.nextInt(4) == 0 ? date.plusNanos(1000L * r.nextInt(1_000_000)) : date;
    }

    private static Integer count(Random r) {
        return r.nextInt(9) == 0 ? null : 10 * r.nextInt(20);
    }

    private static BigDecimal decimal(Random r) {
        return r.nextInt(8) == 0 ? null : BigDecimal.valueOf(r.nextInt(2000), r.nextInt(4));
    }

    // ---- the queries ----

    private static String listQuery(Random r, List<UpstreamLicense> all) {
        List<String> parts = new ArrayList<>();
        String filters = filters(r, all);
        if (!filters.isEmpty()) {
            parts.add(filters);
        }
        if (r.nextInt(10) < 7) {
            List<LicenseField> fields = new ArrayList<>(SORTABLE);
            java.util.Collections.shuffle(fields, r);
            parts.add("sort=" + encode(fields.subList(0, 1 + r.nextInt(3)).stream()
                    .map(f -> (r.nextBoolean() ? "-" : "") + f.apiName()).collect(Collectors.joining(","))));
        }
        parts.add("limit=" + (1 + r.nextInt(50)));
        if (r.nextBoolean()) {
            parts.add("offset=" + r.nextInt(60));
        }
        if (r.nextInt(5) == 0) {
            List<LicenseField> fields = new ArrayList<>(List.of(LicenseField.values()));
            java.util.Collections.shuffle(fields, r);
            parts.add("fields=" + fields.subList(0, 1 + r.nextInt(4)).stream().map(LicenseField::apiName)
                    .collect(Collectors.joining(",")));
        }
        return String.join("&", parts);
    }

    private static String filters(Random r, List<UpstreamLicense> all) {
        List<String> parts = new ArrayList<>();
        if (r.nextInt(10) < 3) {
            List<String> consoles = new ArrayList<>(CONSOLES);
            consoles.add("sim-06");
            int n = 1 + r.nextInt(3);
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                chosen.add(mixCase(r, pick(r, consoles)));
            }
            parts.add(r.nextBoolean() ? "console=" + String.join(",", chosen)
                    : chosen.stream().map(c -> "console=" + c).collect(Collectors.joining("&")));
        }
        if (r.nextInt(4) == 0) {
            parts.add("status=" + encode(mixCase(r, pick(r, STATUSES))
                    + (r.nextBoolean() ? "," + mixCase(r, pick(r, STATUSES)) : "")));
        }
        if (r.nextInt(5) == 0) {
            parts.add("edition=" + encode(mixCase(r, pick(r, EDITIONS))));
        }
        if (r.nextInt(5) == 0) {
            parts.add("licenseType=" + encode(mixCase(r, pick(r, TYPES))));
            if (r.nextBoolean()) {
                parts.add("licenseType=" + encode(mixCase(r, pick(r, TYPES))));
            }
        }
        if (r.nextInt(5) == 0) {
            String company = switch (r.nextInt(4)) {
                case 0 -> pick(r, COMPANIES);
                case 1 -> pick(r, List.of("plughat gmbh", "contoso", "CONTOSO AG", "wobbleton", "zurich", "_", "%"));
                default -> substring(r, pick(r, COMPANIES));
            };
            parts.add("company=" + encode(mixCase(r, company)));
        }
        if (r.nextInt(7) == 0) {
            parts.add("licensedTo=" + encode(search(r, all, UpstreamLicense::licensedTo)));
        }
        if (r.nextInt(10) < 3) {
            List<Function<UpstreamLicense, String>> searched = List.of(UpstreamLicense::companyName,
                    UpstreamLicense::licensedTo, UpstreamLicense::contactPerson,
                    UpstreamLicense::licenseAdministratorEmail, UpstreamLicense::licenseeEmail,
                    UpstreamLicense::backupServerName);
            String q = r.nextInt(8) == 0 ? pick(r, List.of("%", "_", "0%_", "f_s", "%o")) : search(r, all, pick(r, searched));
            parts.add("q=" + encode(q));
        }
        if (r.nextInt(7) == 0) {
            parts.add("expiresBefore=" + encode(bound(r).toString()));
        }
        if (r.nextInt(7) == 0) {
            parts.add("expiresAfter=" + encode(bound(r).toString()));
        }
        if (r.nextInt(10) == 0) {
            parts.add("supportExpiresBefore=" + encode(bound(r).toString()));
        }
        return String.join("&", parts);
    }

    /** A random substring (in random case) of a value some license has, now and then of one or two characters. */
    private static String search(Random r, List<UpstreamLicense> all, Function<UpstreamLicense, String> field) {
        String value = null;
        while (value == null) {
            value = field.apply(pick(r, all));
        }
        return mixCase(r, substring(r, value));
    }

    private static String substring(Random r, String value) {
        int length = Math.min(value.length(), r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 1 + r.nextInt(8));
        int start = r.nextInt(value.length() - length + 1);
        String part = value.substring(start, start + length);
        return part.isBlank() ? value : part;
    }

    private static String mixCase(Random r, String value) {
        return switch (r.nextInt(4)) {
            case 0 -> value.toUpperCase(Locale.ROOT);
            case 1 -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
    }

    private static OffsetDateTime bound(Random r) {
        return BASE.plusDays(r.nextInt(500) - 200).plusSeconds(r.nextInt(86_400));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
