package io.licensegateway.query.odata;

import java.util.List;

/** The syntax tree of a {@code $filter}. Every node knows where it starts in the text, for error messages. */
public sealed interface Expr {

    /** 1-based position of the node's first token. */
    int position();

    /** Two or more operands joined by {@code or}. */
    record Or(List<Expr> operands) implements Expr {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public int position() {
            return operands.get(0).position();
        }
    }

    /** Two or more operands joined by {@code and}. */
    record And(List<Expr> operands) implements Expr {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public int position() {
            return operands.get(0).position();
        }
    }

    record Not(Expr operand, int position) implements Expr {
    }

    record Comparison(Expr left, Operator operator, Expr right) implements Expr {
        @Override
        public int position() {
            return left.position();
        }
    }

    /** A property name exactly as written; matching it to a field is the translator's business. */
    record Property(String name, int position) implements Expr {
    }

    /**
     * A literal: {@code value} is a {@link String}, {@link Long}, {@link java.math.BigDecimal}, {@link Boolean},
     * {@link java.time.OffsetDateTime} in UTC, or {@code null} for the {@code null} literal; {@code text} is the
     * literal as written.
     */
    record Literal(Object value, String text, int position) implements Expr {
    }

    record Call(FilterFunction function, List<Expr> arguments, int position) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }
}
