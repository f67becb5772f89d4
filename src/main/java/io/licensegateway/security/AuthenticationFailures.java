package io.licensegateway.security;

import io.licensegateway.web.Problem;
import io.smallrye.mutiny.Uni;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers refused credentials, ours ({@link RefusedCredential}, {@link AddressLocked}) and OIDC's (any other
 * {@link AuthenticationFailedException}): counts and audits each failure, answers 401 after the throttle's delay, or
 * 429 with {@code Retry-After} once the address is locked.
 */
class AuthenticationFailures {

    private final AuthThrottle throttle;
    private final ClientAddresses addresses;

    AuthenticationFailures(AuthThrottle throttle, ClientAddresses addresses) {
        this.throttle = throttle;
        this.addresses = addresses;
    }

    @ServerExceptionMapper
    Uni<Response> refused(AuthenticationFailedException e, UriInfo uri, HttpServerRequest request) {
        String path = uri.getPath();
        String address = addresses.of(request);
        String detail = request.method().name() + " " + path;
        if (e.getCause() instanceof AddressLocked locked) {
            return throttle.refusedWhileLocked(address, locked.kind(), null, detail)
                    .map(ignored -> Problem.tooManyFailures(path, locked.retryAfter()));
        }
        RefusedCredential refused = e.getCause() instanceof RefusedCredential ours ? ours : null;
        CredentialKind kind = refused != null ? refused.kind() : CredentialKind.OIDC_TOKEN;
        String principal = refused != null ? refused.principal() : null;
        return throttle.failed(address, null, kind, principal, detail).flatMap(verdict -> verdict.locked()
                ? Uni.createFrom().item(Problem.tooManyFailures(path, verdict.retryAfter()))
                : delayed(verdict.delay()).map(ignored -> Problem.unauthorized(path)));
    }

    /** Completes after the delay, without holding any thread meanwhile. */
    static Uni<Void> delayed(java.time.Duration delay) {
        Uni<Void> now = Uni.createFrom().voidItem();
        return delay.isZero() ? now : now.onItem().delayIt().by(delay);
    }
}
