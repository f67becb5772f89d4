package io.licensegateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

/**
 * Every {@code @QuarkusTest} calls the API with the test admin key ({@code %test} profile), unless its class
 * is annotated {@link None} — the security tests choose credentials per request.
 */
public class DefaultCredentials implements QuarkusTestBeforeEachCallback {

    public static final String ADMIN_KEY = "test-admin-key";
    public static final String READER_KEY = "test-reader-key";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface None {
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        boolean none = context.getTestInstance().getClass().isAnnotationPresent(None.class);
        RestAssured.requestSpecification = none ? null
                : new RequestSpecBuilder().addHeader("X-API-Key", ADMIN_KEY).build();
    }
}
