package io.licensegateway.query.odata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.licensegateway.company.Lowercase;

/**
 * A parsed filter compiled against a whitelist of properties and evaluated per record, in memory. Unknown properties
 * and operands of the wrong type are refused when compiling, with the position and token in the message.
 *
 * <p>Nulls follow OData, where a comparison with a null operand is false rather than unknown (the SQL three-valued
 * logic, with {@code not} counting unknown as false):
 * <ul>
 * <li>{@code eq null} and {@code ne null} test for null; other operators reject null;</li>
 * <li>{@code ne} is "is distinct from", so {@code status ne 'Valid'} keeps the records without a status;</li>
 * <li>{@code eq} against a value is unknown for a null property; between two properties two nulls are equal;</li>
 * <li>{@code not} counts an unknown condition as false before negating it, so {@code not (status eq 'Valid')} keeps
 * the same records as {@code status ne 'Valid'}; {@code and} and {@code or} cannot turn unknown into true.</li>
 * </ul>
 *
 * <p>Text comparisons are case-sensitive, as in OData ({@code tolower} is the way round that), in the given order of
 * text; {@code contains}, {@code substringof}, {@code startswith} and {@code endswith} match their needle literally.
 */
public final class ODataPredicate {

    /** A filterable property: which value of a record it is, and its type. */
    public record Property(int index, FieldType type) {
    }

    /** The values of one record, by {@link Property#index}; null for a missing value. */
    public interface Values {
        Object get(int index);
    }

    private final Node condition;

    private ODataPredicate(Node condition) {
        this.condition = condition;
    }

    /**
     * @param properties property name as written in filters (matched case-insensitively) to property
     * @param textOrder how text values compare ({@code lt}, {@code gt}, ...)
     * @throws ODataSyntaxException for unknown properties and for operands of the wrong type
     */
    public static ODataPredicate compile(Expr expr, Map<String, Property> properties, Comparator<String> textOrder) {
        TreeMap<String, Property> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(properties);
        if (byName.size() != properties.size()) {
            throw new IllegalArgumentException("property names must differ in more than letter case: "
                    + properties.keySet());
        }
        return new ODataPredicate(new Compiler(byName, textOrder).condition(expr));
    }

    /** Whether the record passes (unknown does not). */
    public boolean test(Values values) {
        return condition.eval(values) == Boolean.TRUE;
    }

    /** A compiled expression: a condition gives TRUE, FALSE or null (unknown); an operand its value or null. */
    private interface Node {
        Object eval(Values values);
    }

    private record Operand(Node node, FieldType type) {
    }

    private static final class Compiler {

        private final SortedMap<String, Property> properties;
        private final Comparator<String> textOrder;

        Compiler(SortedMap<String, Property> properties, Comparator<String> textOrder) {
            this.properties = properties;
            this.textOrder = textOrder;
        }

        Node condition(Expr expr) {
            if (expr instanceof Expr.Or or) {
                List<Node> operands = or.operands().stream().map(this::condition).toList();
                return values -> {
                    boolean unknown = false;
                    for (Node operand : operands) {
                        Object value = operand.eval(values);
                        if (value == Boolean.TRUE) {
                            return Boolean.TRUE;
                        }
                        unknown |= value == null;
                    }
                    return unknown ? null : Boolean.FALSE;
                };
            }
            if (expr instanceof Expr.And and) {
                List<Node> operands = and.operands().stream().map(this::condition).toList();
                return values -> {
                    boolean unknown = false;
                    for (Node operand : operands) {
                        Object value = operand.eval(values);
                        if (value == Boolean.FALSE) {
                            return Boolean.FALSE;
                        }
                        unknown |= value == null;
                    }
                    return unknown ? null : Boolean.TRUE;
                };
            }
            if (expr instanceof Expr.Not not) {
                Node operand = condition(not.operand());
                return values -> operand.eval(values) == Boolean.TRUE ? Boolean.FALSE : Boolean.TRUE;
            }
            if (expr instanceof Expr.Comparison comparison) {
                return comparison(comparison);
            }
            if (!(expr instanceof Expr.Literal)) {
                Operand operand = operand(expr);
                if (operand.type() == FieldType.BOOLEAN) {
                    return operand.node();
                }
            }
            throw error(expr, "expected a condition but found " + shown(expr));
        }

        private Node comparison(Expr.Comparison comparison) {
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
            Operand subject = operand(left);
            Operator op = operator;
            if (right instanceof Expr.Literal literal) {
                if (literal.value() == null) {
                    return switch (op) {
                        case EQ -> values -> subject.node().eval(values) == null;
                        case NE -> values -> subject.node().eval(values) != null;
                        default -> throw error(literal, "null can only be compared with eq or ne, not " + op.keyword());
                    };
                }
                Object value = Literals.bind(literal, subject.type());
                return values -> compare(op, subject.node().eval(values), value, false);
            }
            Operand other = operand(right);
            require(subject.type(), right, other);
            return values -> compare(op, subject.node().eval(values), other.node().eval(values), true);
        }

        /** {@code bothMayBeNull}: between two operands {@code eq} is "is not distinct from". */
        private Boolean compare(Operator operator, Object left, Object right, boolean bothMayBeNull) {
            if (left == null || right == null) {
                return switch (operator) {
                    case EQ -> bothMayBeNull ? Boolean.valueOf(left == right) : null;
                    case NE -> left != right;
                    default -> null;
                };
            }
            int c = order(left, right);
            return switch (operator) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
            };
        }

        private int order(Object left, Object right) {
            if (left instanceof String a) {
                return textOrder.compare(a, (String) right);
            }
            if (left instanceof OffsetDateTime a) {
                return a.toInstant().compareTo(((OffsetDateTime) right).toInstant());
            }
            if (left instanceof Boolean a) {
                return a.compareTo((Boolean) right);
            }
            if ((left instanceof Integer || left instanceof Long) && (right instanceof Integer || right instanceof Long)) {
                return Long.compare(((Number) left).longValue(), ((Number) right).longValue());
            }
            return decimal(left).compareTo(decimal(right));
        }

        private static BigDecimal decimal(Object number) {
            return number instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) number).longValue());
        }

        private Operand operand(Expr expr) {
            if (expr instanceof Expr.Property property) {
                Property field = property(property);
                int index = field.index();
                return new Operand(values -> values.get(index), field.type());
            }
            if (expr instanceof Expr.Call call) {
                return call(call);
            }
            throw error(expr, "expected a property or a function but found " + shown(expr));
        }

        private Property property(Expr.Property property) {
            Property field = properties.get(property.name());
            if (field == null) {
                throw error(property, "unknown property '" + property.name() + "'; known: "
                        + String.join(", ", properties.keySet()));
            }
            return field;
        }

        private Operand call(Expr.Call call) {
            List<Expr> arguments = call.arguments();
            return switch (call.function()) {
                case TOLOWER -> {
                    Node text = text(arguments.get(0));
                    yield new Operand(values -> {
                        Object value = text.eval(values);
                        return value == null ? null : Lowercase.of((String) value);
                    }, FieldType.TEXT);
                }
                case CONTAINS -> predicate(arguments, false, String::contains);
                case SUBSTRINGOF -> predicate(arguments, true, String::contains);
                case STARTSWITH -> predicate(arguments, false, String::startsWith);
                case ENDSWITH -> predicate(arguments, false, String::endsWith);
            };
        }

        private interface TextTest {
            boolean test(String haystack, String needle);
        }

        /**
         * A test of two texts, unknown when either is null; {@code needleFirst} for substringof(needle, haystack). The
         * arguments are compiled in the order written, so an error names the first bad one.
         */
        private Operand predicate(List<Expr> arguments, boolean needleFirst, TextTest test) {
            Node first = text(arguments.get(0));
            Node second = text(arguments.get(1));
            Node haystack = needleFirst ? second : first;
            Node needle = needleFirst ? first : second;
            return new Operand(values -> {
                Object a = haystack.eval(values);
                Object b = needle.eval(values);
                return a == null || b == null ? null : test.test((String) a, (String) b);
            }, FieldType.BOOLEAN);
        }

        private Node text(Expr expr) {
            if (expr instanceof Expr.Literal literal) {
                Object value = Literals.bind(literal, FieldType.TEXT);
                return values -> value;
            }
            Operand operand = operand(expr);
            require(FieldType.TEXT, expr, operand);
            return operand.node();
        }

        private static void require(FieldType expected, Expr expr, Operand operand) {
            if (kind(expected) != kind(operand.type())) {
                throw error(expr, "expected " + kind(expected) + " but " + shown(expr) + " is " + kind(operand.type()));
            }
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
}
