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

import io.licensegateway.query.odata.Field;
import io.licensegateway.query.odata.FieldType;
import io.licensegateway.query.odata.ODataFilter;
import io.licensegateway.query.odata.ODataSyntaxException;
import io.licensegateway.query.odata.SqlTranslator;
import io.licensegateway.query.odata.SqlWhere;
import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * {@code GET /v2/licensing/cloudconnectLicenses}: the OData options of VAC ({@code $filter $orderby $top $skip
 * $select}) translated to parameterised SQL over the current snapshots, items in the VAC v2 shape.
 */
@ApplicationScoped
public class VacCompatQueries {

    private static final Set<String> PARAMETERS = Set.of("$filter", "$orderby", "$top", "$skip", "$select",
            "$format", "setLinks");

    /** Every field with a VAC name, plus the console the license came from. */
    private static final List<LicenseField> VAC_FIELDS = Arrays.stream(LicenseField.values())
            .filter(f -> f.vacName() != null).toList();

    private static final SqlTranslator TRANSLATOR = new SqlTranslator(fieldsForFilter());

    private final LicenseRepository licenses;

    VacCompatQueries(LicenseRepository licenses) {
        this.licenses = licenses;
    }

    Multi<Map<String, Object>> list(MultivaluedMap<String, String> query, URI base) {
        QueryParameters parameters = new QueryParameters(query, PARAMETERS);
        parameters.oneOf("$format", "json", "application/json");
        boolean links = !"false".equals(parameters.oneOf("setLinks", "true", "false"));
        String filter = parameters.single("$filter");
        List<LicenseField> selected = select(parameters.single("$select"));
        String orderBy = orderBy(parameters.single("$orderby"));
        int top = parameters.integer("$top", Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        int skip = parameters.integer("$skip", 0, 0, Integer.MAX_VALUE);
        return Multi.createFrom().deferred(() -> {
            SqlBuilder sql = licenses.where(LicenseFilter.NONE);
            return licenses.stream(sql, filterAndPaging(sql, filter, orderBy, top, skip));
        }).map(row -> item(row, selected, links ? base : null));
    }

    /**
     * Adds the translated {@code $filter} to {@code sql} and returns what follows the WHERE clause: {@code orderBy}
     * (from {@link #orderBy}) and the paging. The benchmark replays the statement.
     */
    static String filterAndPaging(SqlBuilder sql, String filter, String orderBy, int top, int skip) {
        if (filter != null) {
            SqlWhere where = translate(filter, sql.nextIndex());
            sql.where(where.sql(), where.parameters());
        }
        return orderBy + (top == Integer.MAX_VALUE ? "" : " limit " + sql.bind(top)) + " offset " + sql.bind(skip);
    }

    private static SqlWhere translate(String filter, int firstIndex) {
        try {
            return TRANSLATOR.translate(ODataFilter.parse(filter), firstIndex);
        } catch (ODataSyntaxException e) {
            throw ProblemException.badParameter("$filter", e.getMessage());
        }
    }

    /** {@code $orderby=licenseExpirationDate desc,companyName}; ends with console and id so order is total. */
    static String orderBy(String option) {
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
                keys.add(new SortKey(field, descending));
            }
        }
        keys.add(new SortKey(LicenseField.CONSOLE, false));
        keys.add(new SortKey(LicenseField.ID, false));
        return " order by " + String.join(", ", keys.stream().map(SortKey::orderBy).toList());
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

    private static Map<String, Object> item(Row row, List<LicenseField> fields, URI base) {
        Map<String, Object> item = new LinkedHashMap<>();
        for (LicenseField field : fields) {
            item.put(field.vacName(), LicenseView.value(row, field));
        }
        if (base != null) {
            String href = base.resolve("api/v1/licenses/" + encode(row.getString(LicenseField.CONSOLE.ordinal())) + "/"
                    + encode(row.getString(LicenseField.ID.ordinal()))).toString();
            item.put("_links", Map.of("self", Map.of("href", href)));
        }
        return item;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, Field> fieldsForFilter() {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (LicenseField field : VAC_FIELDS) {
            fields.put(field.vacName(), new Field(field.sql(), switch (field.type()) {
                case TEXT -> FieldType.TEXT;
                case INTEGER, BIGINT -> FieldType.INTEGER;
                case DECIMAL -> FieldType.DECIMAL;
                case TIMESTAMP -> FieldType.TIMESTAMP;
            }));
        }
        return fields;
    }
}
