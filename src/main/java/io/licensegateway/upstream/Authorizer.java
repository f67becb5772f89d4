package io.licensegateway.upstream;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * Puts a console's credentials on its calls: a bearer token from a login ({@link OAuthSession}) or a fixed API
 * key. The caller reads the answer, so each API flavour can judge statuses and bodies its own way.
 */
public interface Authorizer {

    /**
     * Runs {@code call} with an {@code Authorization} header value and answers its response, whatever its status;
     * what a 401 leads to (a new login, or nothing) is up to the implementation.
     */
    Uni<Answer> authorized(Function<String, Uni<Answer>> call);

    /** Obtains whatever credentials calls will need, so calls sent in parallel afterwards do not each log in. */
    default Uni<Void> ready() {
        return Uni.createFrom().voidItem();
    }
}
