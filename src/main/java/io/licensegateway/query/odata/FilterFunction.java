package io.licensegateway.query.odata;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The OData functions a filter may call; all of them work on text. */
public enum FilterFunction {
    /** OData v4 {@code contains(haystack, needle)}. */
    CONTAINS(2),
    /** OData v3 {@code substringof(needle, haystack)}: the arguments are the other way round from contains. */
    SUBSTRINGOF(2),
    STARTSWITH(2),
    ENDSWITH(2),
    TOLOWER(1);

    private final int arity;

    FilterFunction(int arity) {
        this.arity = arity;
    }

    public int arity() {
        return arity;
    }

    public String odataName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<FilterFunction> of(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    static String supported() {
        return Arrays.stream(values()).map(FilterFunction::odataName).sorted().collect(Collectors.joining(", "));
    }
}
