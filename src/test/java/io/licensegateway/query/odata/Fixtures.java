package io.licensegateway.query.odata;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A whitelist shaped like a license's fields, plus a boolean field so that type has a test subject too. */
final class Fixtures {

    /** Property name → its index in a record's values (the order of {@link #NAMES}) and type. */
    static final List<String> NAMES = List.of("companyName", "edition", "status", "licensedVMs", "usedVMs",
            "licensedCloudconnectBackups", "totalInstances", "licenseExpirationDate", "supportExpirationDate",
            "autoRenewal");
    private static final List<FieldType> TYPES = List.of(FieldType.TEXT, FieldType.TEXT, FieldType.TEXT,
            FieldType.INTEGER, FieldType.INTEGER, FieldType.INTEGER, FieldType.DECIMAL, FieldType.TIMESTAMP,
            FieldType.TIMESTAMP, FieldType.BOOLEAN);
    static final Map<String, ODataPredicate.Property> PROPERTIES = IntStream.range(0, NAMES.size()).boxed()
            .collect(Collectors.toMap(NAMES::get, i -> new ODataPredicate.Property(i, TYPES.get(i))));

    private Fixtures() {
    }

    static ODataPredicate compile(String filter) {
        return ODataPredicate.compile(ODataFilter.parse(filter), PROPERTIES, String::compareTo);
    }

    /** The tree as an s-expression: strings in double quotes, dates prefixed with @, decimals suffixed with m. */
    static String tree(String filter) {
        return render(ODataFilter.parse(filter));
    }

    static String render(Expr expr) {
        if (expr instanceof Expr.Or or) {
            return "(or " + or.operands().stream().map(Fixtures::render).collect(Collectors.joining(" ")) + ")";
        }
        if (expr instanceof Expr.And and) {
            return "(and " + and.operands().stream().map(Fixtures::render).collect(Collectors.joining(" ")) + ")";
        }
        if (expr instanceof Expr.Not not) {
            return "(not " + render(not.operand()) + ")";
        }
        if (expr instanceof Expr.Comparison c) {
            return "(" + c.operator().name().toLowerCase() + " " + render(c.left()) + " " + render(c.right()) + ")";
        }
        if (expr instanceof Expr.Call call) {
            return "(" + call.function().odataName() + " "
                    + call.arguments().stream().map(Fixtures::render).collect(Collectors.joining(" ")) + ")";
        }
        if (expr instanceof Expr.Property property) {
            return property.name();
        }
        Object value = ((Expr.Literal) expr).value();
        if (value instanceof String text) {
            return '"' + text + '"';
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString() + "m";
        }
        if (value instanceof java.time.OffsetDateTime timestamp) {
            return "@" + timestamp;
        }
        return String.valueOf(value);
    }
}
