package io.licensegateway.query;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.licensegateway.query.odata.FieldType;
import io.licensegateway.query.odata.ODataFilter;
import io.licensegateway.query.odata.ODataPredicate;
import io.licensegateway.query.odata.ODataSyntaxException;
import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * {@code GET /v2/licensing/cloudconnectLicenses}: the OData options of VAC ({@code $filter $orderby $top $skip
 * $select}) over the current view in memory — the filter's syntax tree evaluated per license
 * ({@link ODataPredicate}) — items in the VAC v2 shape, streamed as the client reads.
 */
@ApplicationScoped
public class VacCompatQueries {

    private static final Set<String> PARAMETERS = Set.of("$filter", "$orderby", "$top", "$skip", "$select",
            "$format", "setLinks");

    /** Every field with a VAC name, plus the console the license came from. */
    private static final List<LicenseField> VAC_FIELDS = Arrays.stream(LicenseField.values())
            .filter(f -> f.vacName() != null).toList();

    private static final Map<String, ODataPredicate.Property> PROPERTIES = properties();
    /** By ordinal, the index of a filter's property. */
    private static final LicenseField[] FIELDS = LicenseField.values();

    private final CurrentView current;

    VacCompatQueries(CurrentView current) {
        this.current = current;
    }

    Multi<Map<String, Object>> list(MultivaluedMap<String, String> query, URI base) {
        QueryParameters parameters = new QueryParameters(query, PARAMETERS);
        parameters.oneOf("$format", "json", "application/json");
        boolean links = !"false".equals(parameters.oneOf("setLinks", "true", "false"));
        ODataPredicate filter = filter(parameters.single("$filter"));
        List<LicenseField> selected = select(parameters.single("$select"));
        Sorting sorting = orderBy(parameters.single("$orderby"));
        int top = parameters.integer("$top", Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        int skip = parameters.integer("$skip", 0, 0, Integer.MAX_VALUE);
        View view = current.require();
        ViewSelection selection = new ViewSelection(view, slice -> new ViewSelection.Test(true,
                filter == null ? null : row -> filter.test(index -> slice.value(row, FIELDS[index]))),
                sorting);
        Iterable<ViewSelection.Hit> hits = () -> selection.rows(null, skip, top);
        return Multi.createFrom().iterable(hits).map(hit -> item(hit, selected, links ? base : null));
    }

    private static ODataPredicate filter(String filter) {
        if (filter == null) {
            return null;
        }
        try {
            return ODataPredicate.compile(ODataFilter.parse(filter), PROPERTIES, Texts::compare);
        } catch (ODataSyntaxException e) {
            throw ProblemException.badParameter("$filter", e.getMessage());
        }
    }

    /** {@code $orderby=licenseExpirationDate desc,companyName}; ends with console and id so order is total. */
    static Sorting orderBy(String option) {
        List<SortKey> keys = new ArrayList<>();
        if (option != null) {
            for (String term : option.split(",")) {
                String[] words = term.trim().split("\\s+");
                LicenseField field = vacField(words[0], "$orderby");
                boolean descending = words.length > 1 && words[1].equalsIgnoreCase("desc");
                if (words.length > 2 || words.length == 2 && !descending && !words[1].equalsIgnoreCase("asc")) {
                    throw ProblemException.badParameter("$orderby", "'" + term.trim()
                            + "' should be a property optionally followed by asc or desc");
                }
                if (keys.stream().noneMatch(k -> k.field() == field)) {
                    keys.add(new SortKey(field, descending));
                }
            }
        }
        return Sorting.of(keys);
    }

    private static List<LicenseField> select(String option) {
        if (option == null) {
            return VAC_FIELDS;
        }
        List<LicenseField> chosen = Arrays.stream(option.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(name -> vacField(name, "$select")).toList();
        return VAC_FIELDS.stream().filter(chosen::contains).toList();
    }

    private static LicenseField vacField(String name, String parameter) {
        return LicenseField.byVacName(name).orElseThrow(() -> ProblemException.badParameter(parameter, "'" + name
                + "' is not a property; use one of " + String.join(", ", VAC_FIELDS.stream().map(LicenseField::vacName).toList())));
    }

    private static Map<String, Object> item(ViewSelection.Hit hit, List<LicenseField> fields, URI base) {
        Map<String, Object> item = new LinkedHashMap<>();
        for (LicenseField field : fields) {
            item.put(field.vacName(), hit.value(field));
        }
        if (base != null) {
            String href = base.resolve("api/v1/licenses/" + encode((String) hit.value(LicenseField.CONSOLE)) + "/"
                    + encode((String) hit.value(LicenseField.ID))).toString();
            item.put("_links", Map.of("self", Map.of("href", href)));
        }
        return item;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, ODataPredicate.Property> properties() {
        Map<String, ODataPredicate.Property> properties = new LinkedHashMap<>();
        for (LicenseField field : VAC_FIELDS) {
            properties.put(field.vacName(), new ODataPredicate.Property(field.ordinal(), switch (field.type()) {
                case TEXT -> FieldType.TEXT;
                case INTEGER, BIGINT -> FieldType.INTEGER;
                case DECIMAL -> FieldType.DECIMAL;
                case TIMESTAMP -> FieldType.TIMESTAMP;
            }));
        }
        return properties;
    }
}
