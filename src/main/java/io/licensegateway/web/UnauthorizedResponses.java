package io.licensegateway.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every operation but {@code POST /token} needs credentials: documents their 401 problem, and the 429 of an address
 * locked after too many failed authentications, in one place.
 */
public class UnauthorizedResponses implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        APIResponse unauthorized = OASFactory.createAPIResponse().description("No or wrong credentials")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))
                        .addExample("unauthorized", OASFactory.createExample().value(Documented.UNAUTHORIZED))));
        APIResponse locked = OASFactory.createAPIResponse()
                .description("Too many failed authentications from this address; retry after Retry-After")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))));
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.equals("/token")) {
                item.getOperations().values().forEach(operation -> {
                    if (operation.getResponses().getAPIResponse("401") == null) {
                        operation.getResponses().addAPIResponse("401", unauthorized);
                    }
                    if (operation.getResponses().getAPIResponse("429") == null) {
                        operation.getResponses().addAPIResponse("429", locked);
                    }
                });
            }
        });
    }
}
