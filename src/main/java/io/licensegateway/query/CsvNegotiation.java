package io.licensegateway.query;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/** {@code format=csv|json} on the license list wins over the {@code Accept} header. */
class CsvNegotiation {

    @ServerRequestFilter(preMatching = true)
    void csvFormat(ResteasyReactiveContainerRequestContext request) {
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        if (format != null && request.getUriInfo().getPath().equals("/api/v1/licenses")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT,
                    format.equalsIgnoreCase("csv") ? LicenseResource.CSV : MediaType.APPLICATION_JSON);
        }
    }

    /** The {@code qs} that steers content negotiation is not part of the answer's media type. */
    @ServerResponseFilter
    void plainCsvType(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.getParameters().containsKey("qs")) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, type.getType() + "/" + type.getSubtype()
                    + ";charset=UTF-8");
        }
    }
}
