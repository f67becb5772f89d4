package io.licensegateway.query.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Translates a parsed filter into a PostgreSQL condition over a whitelist of fields. The SQL is built only from
 * the whitelisted field expressions, fixed keywords and {@code $n::type} placeholders; every value written in the
 * filter travels as a parameter, and every placeholder carries a cast so that PostgreSQL never guesses a type.
 *
 * <p>Nulls follow OData, where a comparison with a null operand is false rather than unknown:
 * <ul>
 * <li>{@code eq null} and {@code ne null} become {@code is null} and {@code is not null}; other operators reject
 * null;</li>
 * <li>{@code ne} is {@code is distinct from}, so {@code status ne 'Valid'} keeps the rows without a status;</li>
 * <li>{@code eq} against a value is a plain {@code =}; between two properties it is {@code is not distinct from},
 * so two nulls are equal;</li>
 * <li>{@code not} counts an unknown condition as false before negating it, so {@code not (status eq 'Valid')}
 * keeps the same rows as {@code status ne 'Valid'}. Elsewhere an unknown already behaves as false: {@code and}
 * and {@code or} cannot turn it into true, and {@code where} drops it.</li>
 * </ul>
 *
 * <p>Text comparisons are case-sensitive, as in OData; {@code tolower} is the way round that. {@code contains},
 * {@code substringof} and {@code startswith} of a literal become {@code like} with the literal's {@code %}, {@code _}
 * and {@code \} escaped (so they stay plain characters) because a trigram index can serve {@code like}; between two
 * properties they use {@code strpos} and {@code starts_with}, and {@code endswith} uses {@code right}.
 */
public final class SqlTranslator {

    private final SortedMap<String, Field> fields;

    /** @param fields property name as written in filters (matched case-insensitively) to field */
    public SqlTranslator(Map<String, Field> fields) {
        TreeMap<String, Field> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(fields);
        if (byName.size() != fields.size()) {
            throw new IllegalArgumentException(
                    "property names must differ in more than letter case: " + fields.keySet());
        }
        this.fields = byName;
    }

    /**
     * @param firstParameterIndex the number of the first placeholder, to follow the parameters the caller's own
     *        SQL already uses
     * @throws ODataSyntaxException for unknown properties and for operands of the wrong type
     */
    public SqlWhere translate(Expr expr, int firstParameterIndex) {
        if (firstParameterIndex < 1) {
            throw new IllegalArgumentException("placeholders start at $1, not $" + firstParameterIndex);
        }
        Parameters parameters = new Parameters(firstParameterIndex);
        String sql = condition(expr, parameters);
        return new SqlWhere(sql, parameters.values);
    }

    private String condition(Expr expr, Parameters parameters) {
        if (expr instanceof Expr.Or or) {
            return joined(or.operands(), " or ", parameters);
        }
        if (expr instanceof Expr.And and) {
            return joined(and.operands(), " and ", parameters);
        }
        if (expr instanceof Expr.Not not) {
            return "not coalesce(" + condition(not.operand(), parameters) + ", false)";
        }
        if (expr instanceof Expr.Comparison comparison) {
            return comparison(comparison, parameters);
        }
        if (!(expr instanceof Expr.Literal)) {
            Operand operand = operand(expr, parameters);
            if (operand.type() == FieldType.BOOLEAN) {
                return operand.sql();
            }
        }
        throw error(expr, "expected a condition but found " + shown(expr));
    }

    private String joined(List<Expr> operands, String separator, Parameters parameters) {
        return operands.stream().map(operand -> condition(operand, parameters))
                .collect(Collectors.joining(separator, "(", ")"));
    }

    private String comparison(Expr.Comparison comparison, Parameters parameters) {
        Expr left = comparison.left();
        Expr right = comparison.right();
        Operator operator = comparison.operator();
        if (left instanceof Expr.Literal && !(right instanceof Expr.Literal)) {
            left = comparison.right();
            right = comparison.left();
            operator = operator.mirrored();
        }
        if (left instanceof Expr.Literal) {
            throw error(left, "a comparison needs a property or a function on one side, not two values");
        }
        Operand subject = operand(left, parameters);
        if (right instanceof Expr.Literal literal) {
            if (literal.value() == null) {
                return nullTest(subject, operator, literal);
            }
            return subject.comparand() + " " + sqlOperator(operator, false) + " "
                    + parameters.add(Literals.bind(literal, subject.type()));
        }
        Operand other = operand(right, parameters);
        require(subject.type(), right, other);
        return subject.comparand() + " " + sqlOperator(operator, true) + " " + other.comparand();
    }

    private static String nullTest(Operand subject, Operator operator, Expr.Literal literal) {
        return switch (operator) {
            case EQ -> subject.comparand() + " is null";
            case NE -> subject.comparand() + " is not null";
            default -> throw error(literal, "null can only be compared with eq or ne, not " + operator.keyword());
        };
    }

    private static String sqlOperator(Operator operator, boolean bothMayBeNull) {
        return switch (operator) {
            case EQ -> bothMayBeNull ? "is not distinct from" : "=";
            case NE -> "is distinct from";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
        };
    }

    private Operand operand(Expr expr, Parameters parameters) {
        if (expr instanceof Expr.Property property) {
            Field field = field(property);
            return new Operand(field.sqlExpression(), field.type());
        }
        if (expr instanceof Expr.Call call) {
            return call(call, parameters);
        }
        throw error(expr, "expected a property or a function but found " + shown(expr));
    }

    private Field field(Expr.Property property) {
        Field field = fields.get(property.name());
        if (field == null) {
            throw error(property, "unknown property '" + property.name() + "'; known: "
                    + String.join(", ", fields.keySet()));
        }
        return field;
    }

    private Operand call(Expr.Call call, Parameters parameters) {
        List<Expr> arguments = call.arguments();
        return switch (call.function()) {
            case TOLOWER -> new Operand("lower(" + text(arguments.get(0), parameters) + ")", FieldType.TEXT);
            case CONTAINS -> arguments.get(1) instanceof Expr.Literal needle
                    ? like(arguments.get(0), "%", needle, "%", parameters)
                    : predicate("strpos(%1$s, %2$s) > 0", arguments, parameters);
            case SUBSTRINGOF -> arguments.get(0) instanceof Expr.Literal needle
                    ? likeAfter(needle, arguments.get(1), parameters)
                    : predicate("strpos(%2$s, %1$s) > 0", arguments, parameters);
            case STARTSWITH -> arguments.get(1) instanceof Expr.Literal prefix
                    ? like(arguments.get(0), "", prefix, "%", parameters)
                    : predicate("starts_with(%1$s, %2$s)", arguments, parameters);
            case ENDSWITH -> predicate("right(%1$s, length(%2$s)) = %2$s", arguments, parameters);
        };
    }

    /**
     * A literal searched for is a LIKE pattern with its own wildcards escaped: the same rows as strpos/starts_with,
     * but a trigram index on the column (V12) can serve it.
     */
    private Operand like(Expr haystack, String before, Expr.Literal needle, String after, Parameters parameters) {
        String text = text(haystack, parameters);
        return new Operand(caseless(haystack, needle, text) + pattern(before, needle, after, parameters),
                FieldType.BOOLEAN);
    }

    /** substringof(needle, haystack): the needle's placeholder comes first, as written. */
    private Operand likeAfter(Expr.Literal needle, Expr haystack, Parameters parameters) {
        String placeholder = pattern("%", needle, "%", parameters);
        return new Operand(caseless(haystack, needle, text(haystack, parameters)) + placeholder, FieldType.BOOLEAN);
    }

    /**
     * {@code tolower(property)} searched for a lower-case literal is written {@code column ilike}, which matches the
     * same rows and which the column's trigram index serves; anything else is {@code text like}.
     */
    private String caseless(Expr haystack, Expr.Literal needle, String text) {
        if (haystack instanceof Expr.Call call && call.function() == FilterFunction.TOLOWER
                && call.arguments().get(0) instanceof Expr.Property property && needle.value() instanceof String value
                && value.equals(value.toLowerCase(Locale.ROOT))) {
            return field(property).sqlExpression() + " ilike ";
        }
        return text + " like ";
    }

    private static String pattern(String before, Expr.Literal needle, String after, Parameters parameters) {
        String value = (String) Literals.bind(needle, FieldType.TEXT).value();
        String escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return parameters.add(new Literals.Parameter(before + escaped + after, "text"));
    }

    /** Translates the arguments in the order they are written, so that placeholders number left to right. */
    private Operand predicate(String template, List<Expr> arguments, Parameters parameters) {
        String first = text(arguments.get(0), parameters);
        String second = text(arguments.get(1), parameters);
        return new Operand(template.formatted(first, second), FieldType.BOOLEAN);
    }

    private String text(Expr expr, Parameters parameters) {
        if (expr instanceof Expr.Literal literal) {
            return parameters.add(Literals.bind(literal, FieldType.TEXT));
        }
        Operand operand = operand(expr, parameters);
        require(FieldType.TEXT, expr, operand);
        return operand.sql();
    }

    private static void require(FieldType expected, Expr expr, Operand operand) {
        if (kind(expected) != kind(operand.type())) {
            throw error(expr, "expected " + kind(expected) + " but " + shown(expr) + " is " + kind(operand.type()));
        }
    }

    /** What a type is called in messages; also decides which types compare with each other. */
    private static String kind(FieldType type) {
        return switch (type) {
            case TEXT -> "text";
            case INTEGER, DECIMAL -> "a number";
            case TIMESTAMP -> "a date-time";
            case BOOLEAN -> "a boolean";
        };
    }

    private static ODataSyntaxException error(Expr expr, String problem) {
        return new ODataSyntaxException(expr.position(), token(expr), problem);
    }

    private static String shown(Expr expr) {
        return expr instanceof Expr.Literal literal ? literal.text() : "'" + token(expr) + "'";
    }

    /** The first token of an expression, which is where its position points. */
    private static String token(Expr expr) {
        if (expr instanceof Expr.Or or) {
            return token(or.operands().get(0));
        }
        if (expr instanceof Expr.And and) {
            return token(and.operands().get(0));
        }
        if (expr instanceof Expr.Comparison comparison) {
            return token(comparison.left());
        }
        if (expr instanceof Expr.Not) {
            return "not";
        }
        if (expr instanceof Expr.Property property) {
            return property.name();
        }
        if (expr instanceof Expr.Literal literal) {
            return literal.text();
        }
        return ((Expr.Call) expr).function().odataName();
    }

    private record Operand(String sql, FieldType type) {

        /** PostgreSQL comparison operators do not associate, so a boolean operand needs its own parentheses. */
        String comparand() {
            return type == FieldType.BOOLEAN ? "(" + sql + ")" : sql;
        }
    }

    private static final class Parameters {

        private final int first;
        private final List<Object> values = new ArrayList<>();

        Parameters(int first) {
            this.first = first;
        }

        String add(Literals.Parameter parameter) {
            values.add(parameter.value());
            return "$" + (first + values.size() - 1) + "::" + parameter.sqlType();
        }
    }
}
