package io.licensegateway.web;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API's OpenAPI header: what it is and how callers authenticate (served at /q/openapi). */
@OpenAPIDefinition(
        info = @Info(title = "License Gateway API", version = "1",
                description = "Merged Veeam Cloud Connect licenses of many VAC/VSPC consoles. Every error is "
                        + "application/problem+json (RFC 9457)."),
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY,
                        in = SecuritySchemeIn.HEADER, apiKeyName = "X-API-Key",
                        description = "An API key; its SHA-256 is configured in gateway.security.api-keys"),
                @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "An API key, a token from POST /token, or an OIDC token when enabled") }),
        security = { @SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "bearer") })
public class ApiDocumentation extends Application {
}
