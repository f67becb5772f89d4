package io.licensegateway.query;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** Collects WHERE conditions and their parameters; user input only ever travels as {@code $n} parameters. */
final class SqlBuilder {

    private final List<Object> parameters = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    /** Adds a parameter and returns its placeholder. */
    String bind(Object value) {
        parameters.add(value);
        return "$" + parameters.size();
    }

    void where(String condition) {
        conditions.add(condition);
    }

    /** Adds a condition whose placeholders were numbered from {@link #nextIndex()}, with its parameters. */
    void where(String condition, List<Object> conditionParameters) {
        conditions.add(condition);
        parameters.addAll(conditionParameters);
    }

    int nextIndex() {
        return parameters.size() + 1;
    }

    String whereClause() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    Tuple tuple() {
        return Tuple.from(parameters);
    }
}
