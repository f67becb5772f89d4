package io.licensegateway.web;

/** Examples shared by the OpenAPI annotations of several resources. */
public final class Documented {

    public static final String UNAUTHORIZED = """
            {"type":"urn:license-gateway:problem:unauthorized","title":"Unauthorized","status":401,
            "detail":"Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>', or a token from POST /token",
            "instance":"/api/v1/licenses"}""";

    public static final String FORBIDDEN = """
            {"type":"urn:license-gateway:problem:forbidden","title":"Forbidden","status":403,
            "detail":"Your credentials do not allow this; it needs the admin role","instance":"/api/v1/refresh"}""";

    public static final String NOT_FOUND = """
            {"type":"urn:license-gateway:problem:not-found","title":"Not found","status":404,
            "detail":"There is no run 4711","instance":"/api/v1/runs/4711"}""";

    private Documented() {
    }
}
