package io.licensegateway.query.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.licensegateway.query.odata.Token.Kind;

/**
 * Parses an OData v3/v4 {@code $filter} into an {@link Expr}.
 *
 * <pre>
 * filter     = or
 * or         = and *("or" and)
 * and        = unary *("and" unary)
 * unary      = "not" unary / "(" or ")" / comparison
 * comparison = operand [("eq" / "ne" / "gt" / "ge" / "lt" / "le") operand]
 * operand    = literal / property / function "(" operand *("," operand) ")"
 * </pre>
 *
 * Unlike the OData specification, which ranks {@code not} above the comparisons, {@code not} here takes a whole
 * comparison, as in SQL: {@code not status eq 'Valid'} means {@code not (status eq 'Valid')}, what its writer
 * meant, instead of being a type error. Parentheses group conditions only, never operands.
 */
public final class ODataFilter {

    static final int MAX_LENGTH = 2000;
    static final int MAX_DEPTH = 32;

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "gt", "ge", "lt", "le");
    private static final String OPERAND = "a property, a value or a function";

    private final Lexer lexer;
    private Token current;
    private int depth;

    private ODataFilter(String filter) {
        this.lexer = new Lexer(filter);
        this.current = lexer.next();
    }

    /** @throws ODataSyntaxException if the filter is not one this parser accepts */
    public static Expr parse(String filter) {
        Objects.requireNonNull(filter, "filter");
        if (filter.length() > MAX_LENGTH) {
            throw new ODataSyntaxException(MAX_LENGTH + 1, filter.substring(MAX_LENGTH, MAX_LENGTH + 1),
                    "the filter is longer than " + MAX_LENGTH + " characters");
        }
        ODataFilter parser = new ODataFilter(filter);
        Expr expr = parser.or();
        if (parser.current.kind() != Kind.END) {
            throw parser.unexpected("'and', 'or' or the end of the filter");
        }
        return expr;
    }

    private Expr or() {
        List<Expr> operands = new ArrayList<>(List.of(and()));
        while (current.isWord("or")) {
            advance();
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Expr.Or(operands);
    }

    private Expr and() {
        List<Expr> operands = new ArrayList<>(List.of(unary()));
        while (current.isWord("and")) {
            advance();
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new Expr.And(operands);
    }

    private Expr unary() {
        Token first = current;
        if (first.isWord("not")) {
            advance();
            return nested(first, () -> new Expr.Not(unary(), first.position()));
        }
        if (first.kind() == Kind.LEFT_PAREN) {
            advance();
            return nested(first, () -> {
                Expr inner = or();
                expect(Kind.RIGHT_PAREN, "')'");
                return inner;
            });
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = operand();
        Optional<Operator> operator = current.kind() == Kind.WORD ? Operator.of(current.text()) : Optional.empty();
        if (operator.isEmpty()) {
            return left;
        }
        advance();
        return new Expr.Comparison(left, operator.get(), operand());
    }

    private Expr operand() {
        Token token = current;
        return switch (token.kind()) {
            case STRING, NUMBER, DATE_TIME -> {
                advance();
                yield new Expr.Literal(token.value(), token.text(), token.position());
            }
            case WORD -> word(token);
            default -> throw unexpected(OPERAND);
        };
    }

    private Expr word(Token token) {
        String word = token.text().toLowerCase(Locale.ROOT);
        if (KEYWORDS.contains(word)) {
            throw unexpected(OPERAND);
        }
        advance();
        return switch (word) {
            case "true" -> new Expr.Literal(Boolean.TRUE, token.text(), token.position());
            case "false" -> new Expr.Literal(Boolean.FALSE, token.text(), token.position());
            case "null" -> new Expr.Literal(null, token.text(), token.position());
            default -> current.kind() == Kind.LEFT_PAREN
                    ? call(token)
                    : new Expr.Property(token.text(), token.position());
        };
    }

    private Expr call(Token name) {
        FilterFunction function = FilterFunction.of(name.text()).orElseThrow(() -> new ODataSyntaxException(
                name.position(), name.text(),
                "unknown function '" + name.text() + "'; supported: " + FilterFunction.supported()));
        advance();
        return nested(name, () -> {
            List<Expr> arguments = new ArrayList<>();
            for (int i = 0; i < function.arity(); i++) {
                if (i > 0) {
                    expect(Kind.COMMA, "','");
                }
                arguments.add(operand());
            }
            expect(Kind.RIGHT_PAREN, "')'");
            return new Expr.Call(function, arguments, name.position());
        });
    }

    /** Bounds the recursion, and with it the stack a hostile filter can make us use. */
    private Expr nested(Token opener, Supplier<Expr> inner) {
        if (++depth > MAX_DEPTH) {
            throw new ODataSyntaxException(opener.position(), opener.text(),
                    "the filter is nested deeper than " + MAX_DEPTH + " levels");
        }
        Expr expr = inner.get();
        depth--;
        return expr;
    }

    private void expect(Kind kind, String description) {
        if (current.kind() != kind) {
            throw unexpected(description);
        }
        advance();
    }

    private void advance() {
        current = lexer.next();
    }

    private ODataSyntaxException unexpected(String expected) {
        if (current.kind() == Kind.END) {
            return new ODataSyntaxException(current.position(), "", "unexpected end of input, expected " + expected);
        }
        return new ODataSyntaxException(current.position(), current.text(),
                "expected " + expected + " but found " + current.shown());
    }
}
