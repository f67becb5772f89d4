package io.licensegateway.query.odata;

import java.util.List;

/** A SQL condition and the values for its placeholders, in placeholder order. */
public record SqlWhere(String sql, List<Object> parameters) {

    public SqlWhere {
        parameters = List.copyOf(parameters);
    }
}
