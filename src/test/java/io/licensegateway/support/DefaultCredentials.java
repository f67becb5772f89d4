package io.licensegateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Every {@code @QuarkusTest} calls the API with the test admin key ({@code %test} profile), unless its class
 * is annotated {@link None} — the security tests choose credentials per request.
 * <p>
 * A filter rather than {@code RestAssured.requestSpecification}: a spec built here would capture
 * {@code RestAssured.port} before Quarkus sets it for the test (callbacks run first), sending requests to 8080.
 */
public class DefaultCredentials implements QuarkusTestBeforeEachCallback {

    public static final String ADMIN_KEY = "test-admin-key";
    public static final String READER_KEY = "test-reader-key";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface None {
    }

    private static final Filter ADMIN = withKey(ADMIN_KEY);

    /** Adds the key to requests that carry no credentials of their own. */
    public static Filter withKey(String key) {
        return (request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("X-API-Key")
                    && !request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("X-API-Key", key);
            }
            return context.next(request, response);
        };
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        boolean none = context.getTestInstance().getClass().isAnnotationPresent(None.class);
        RestAssured.replaceFiltersWith(none ? List.of() : List.of(ADMIN));
    }
}
