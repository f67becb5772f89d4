package io.licensegateway.simulator;

import java.util.Comparator;

import io.vertx.core.json.JsonObject;

/** The simulator's reading of an OData {@code $orderby}: one property, optional {@code asc}/{@code desc}. */
final class OrderBy {

    private OrderBy() {
    }

    static Comparator<JsonObject> parse(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return (a, b) -> 0;
        }
        String[] words = orderBy.trim().split("\\s+");
        Comparator<JsonObject> comparator = Comparator.comparing(o -> String.valueOf(o.getValue(words[0])));
        return words.length > 1 && words[1].equalsIgnoreCase("desc") ? comparator.reversed() : comparator;
    }
}
