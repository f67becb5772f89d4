package io.licensegateway.query.odata;

import java.util.Locale;
import java.util.Optional;

/** The OData comparison operators. */
public enum Operator {
    EQ, NE, GT, GE, LT, LE;

    static Optional<Operator> of(String keyword) {
        for (Operator operator : values()) {
            if (operator.name().equalsIgnoreCase(keyword)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /** The operator that keeps the meaning when the operands swap sides: {@code 5 lt x} is {@code x gt 5}. */
    Operator mirrored() {
        return switch (this) {
            case GT -> LT;
            case GE -> LE;
            case LT -> GT;
            case LE -> GE;
            case EQ, NE -> this;
        };
    }

    String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
