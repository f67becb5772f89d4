package io.licensegateway.query.odata;

import java.util.Map;
import java.util.stream.Collectors;

/** A whitelist shaped like the license table's, plus a boolean field so that type has a test subject too. */
final class Fixtures {

    static final Map<String, Field> FIELDS = Map.ofEntries(
            Map.entry("companyName", new Field("l.company_name", FieldType.TEXT)),
            Map.entry("edition", new Field("l.edition", FieldType.TEXT)),
            Map.entry("status", new Field("l.status", FieldType.TEXT)),
            Map.entry("licensedVMs", new Field("l.licensed_vms", FieldType.INTEGER)),
            Map.entry("usedVMs", new Field("l.used_vms", FieldType.INTEGER)),
            Map.entry("licensedCloudconnectBackups", new Field("l.licensed_cloudconnect_backups", FieldType.INTEGER)),
            Map.entry("totalInstances", new Field("l.total_instances", FieldType.DECIMAL)),
            Map.entry("licenseExpirationDate", new Field("l.license_expiration_date", FieldType.TIMESTAMP)),
            Map.entry("supportExpirationDate", new Field("l.support_expiration_date", FieldType.TIMESTAMP)),
            Map.entry("autoRenewal", new Field("l.auto_renewal", FieldType.BOOLEAN)));

    static final SqlTranslator TRANSLATOR = new SqlTranslator(FIELDS);

    private Fixtures() {
    }

    static SqlWhere where(String filter) {
        return TRANSLATOR.translate(ODataFilter.parse(filter), 1);
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
