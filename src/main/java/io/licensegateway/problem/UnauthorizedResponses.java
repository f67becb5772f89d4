package io.licensegateway.problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** Every operation but {@code POST /token} needs credentials: documents their 401 problem in one place. */
public class UnauthorizedResponses implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        APIResponse unauthorized = OASFactory.createAPIResponse().description("No or wrong credentials")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))
                        .addExample("unauthorized", OASFactory.createExample().value(Documented.UNAUTHORIZED))));
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.equals("/token")) {
                item.getOperations().values().forEach(operation -> {
                    if (operation.getResponses().getAPIResponse("401") == null) {
                        operation.getResponses().addAPIResponse("401", unauthorized);
                    }
                });
            }
        });
    }
}
