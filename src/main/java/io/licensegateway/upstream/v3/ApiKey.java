package io.licensegateway.upstream.v3;

import java.util.function.Function;

import io.licensegateway.upstream.Answer;
import io.licensegateway.upstream.Authorizer;
import io.smallrye.mutiny.Uni;

/**
 * A VSPC REST API key, sent as the bearer of every call. It lives until its identity is disabled, so there is
 * no token call and nothing to renew: a 401 is final and reaches the caller as it is.
 */
final class ApiKey implements Authorizer {

    private final String header;

    ApiKey(String key) {
        this.header = "Bearer " + key;
    }

    @Override
    public Uni<Answer> authorized(Function<String, Uni<Answer>> call) {
        return call.apply(header);
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
