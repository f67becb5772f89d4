package io.licensegateway.security;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Audits calls of {@link AdminAction} endpoints once they are answered: who (the principal), what (method, path and
 * query: parameters such as {@code console}, never credentials, which travel in headers) and how it ended. A 401 is
 * left to the authentication failure it already is.
 */
class AdminActions {

    private static final java.util.Set<String> PARAMETERS = java.util.Set.of("console", "kind", "outcome", "since",
            "before", "limit");

    private final AuditTrail audit;
    private final ClientAddresses addresses;

    AdminActions(AuditTrail audit, ClientAddresses addresses) {
        this.audit = audit;
        this.addresses = addresses;
    }

    @AdminAction
    @ServerResponseFilter
    Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource,
            io.vertx.core.http.HttpServerRequest http) {
        int status = response.getStatus();
        if (status == 401 || status == 429) {
            return Uni.createFrom().voidItem();
        }
        String outcome = status < 400 ? AuditEvent.SUCCESS : status == 403 ? AuditEvent.DENIED
                : status < 500 ? AuditEvent.REFUSED : AuditEvent.ERROR;
        StringBuilder detail = new StringBuilder(request.getMethod()).append(' ').append(request.getUriInfo().getPath());
        // only the parameters the admin endpoints take, so nothing a caller misplaced in the query is kept
        request.getUriInfo().getQueryParameters().forEach((name, values) -> {
            if (PARAMETERS.contains(name)) {
                detail.append(detail.indexOf("?") < 0 ? '?' : '&').append(name).append('=').append(String.join(",", values));
            }
        });
        detail.append(" -> ").append(status);
        return audit.record(AuditEvent.of(kebab(resource.getMethodName()), outcome,
                Principals.describe(request.getSecurityContext().getUserPrincipal()), null, addresses.of(http),
                detail.toString()));
    }

    static String kebab(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
