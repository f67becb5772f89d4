package io.licensegateway.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;

import io.licensegateway.web.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * VAC's {@code POST /token} (password and refresh-token grants), so an unmodified VAC client can log in to the
 * gateway with a configured account and read {@code /v2/licensing/cloudconnectLicenses}.
 */
@Path("/token")
@Tag(name = "VAC compatible")
@PermitAll
public class VacTokenResource {

    private final VacPasswords passwords;
    private final VacTokens tokens;
    private final AuthThrottle throttle;
    private final ClientAddresses addresses;

    VacTokenResource(VacPasswords passwords, VacTokens tokens, AuthThrottle throttle, ClientAddresses addresses) {
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.addresses = addresses;
    }

    /** Only ever a {@code Response} entity, so the native build must be told to keep it serialisable. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_token") String refreshToken) {
    }

    /** RFC 9457 problem details that also carry the RFC 6749 error members OAuth clients read. */
    @RegisterForReflection
    public record TokenProblem(String type, String title, int status, String detail, String error,
            @JsonProperty("error_description") String errorDescription) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in like a VAC client (grant_type=password or refresh_token)")
    @APIResponse(responseCode = "200", description = "access_token, token_type, expires_in, refresh_token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class),
                    examples = @ExampleObject(name = "tokens", value = """
                            {"access_token":"eyJhY2Nlc3N8dmFjLXJlYWRlcnwxNzY0MTQ1MjAwfQ.3fQ…","token_type":"bearer",
                            "expires_in":3600,"refresh_token":"eyJyZWZyZXNofHZhYy1yZWFkZXJ8MTc2NDE3NDAwMH0.Yx…"}""")))
    @APIResponse(responseCode = "400", description = "invalid_grant or unsupported_grant_type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = TokenProblem.class),
                    examples = @ExampleObject(name = "wrong password", value = """
                            {"type":"urn:license-gateway:problem:invalid-grant","title":"Token request refused","status":400,
                            "detail":"The user name or password is incorrect.","error":"invalid_grant",
                            "error_description":"The user name or password is incorrect."}""")))
    @APIResponse(responseCode = "429", description = "Too many failed logins from this address or for this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> token(@FormParam("grant_type") String grantType, @FormParam("username") String username,
            @FormParam("password") String password, @FormParam("refresh_token") String refreshToken,
            @Context HttpServerRequest request) {
        String address = addresses.of(request);
        if ("password".equals(grantType)) {
            String account = username == null ? "" : username;
            // an account is throttled whether it exists or not, so the throttle does not tell which accounts exist
            Duration locked = throttle.lockedFor(address, account);
            if (locked != null) {
                return throttle.refusedWhileLocked(address, CredentialKind.PASSWORD, Principals.VAC + account, DETAIL)
                        .map(ignored -> Problem.tooManyFailures(PATH, locked));
            }
            // waited before the password is checked, so an early answer never tells a right guess from a wrong one
            return AuthenticationFailures.delayed(throttle.accountDelay(account))
                    .flatMap(ignored -> passwords.matches(account, password))
                    .flatMap(right -> right ? tokens.issue(account).map(VacTokenResource::ok)
                            : refused(address, account, CredentialKind.PASSWORD, Principals.VAC + account,
                                    "The user name or password is incorrect."));
        }
        if ("refresh_token".equals(grantType)) {
            Duration locked = throttle.lockedFor(address, null);
            if (locked != null) {
                return throttle.refusedWhileLocked(address, CredentialKind.REFRESH_TOKEN, null, DETAIL)
                        .map(ignored -> Problem.tooManyFailures(PATH, locked));
            }
            return tokens.refresh(refreshToken).flatMap(pair -> pair == null
                    ? refused(address, null, CredentialKind.REFRESH_TOKEN, null,
                            "The refresh token is invalid, expired, revoked or already used.")
                    : Uni.createFrom().item(ok(pair)));
        }
        return Uni.createFrom().item(problem("unsupported_grant_type", "grant_type must be password or refresh_token"));
    }

    private static final String PATH = "/token";
    private static final String DETAIL = "POST " + PATH;

    /** Counts the failure; {@code invalid_grant} after the throttle's delay, or 429 once address or account is locked. */
    private Uni<Response> refused(String address, String account, CredentialKind kind, String principal,
            String description) {
        return throttle.failed(address, account, kind, principal, DETAIL).flatMap(verdict -> verdict.locked()
                ? Uni.createFrom().item(Problem.tooManyFailures(PATH, verdict.retryAfter()))
                : AuthenticationFailures.delayed(verdict.delay()).map(ignored -> problem("invalid_grant", description)));
    }

    private static Response ok(VacTokens.Pair pair) {
        return Response.ok(new TokenResponse(pair.accessToken(), "bearer", pair.expiresIn(), pair.refreshToken()))
                .header("Cache-Control", "no-store").build();
    }

    private static Response problem(String error, String description) {
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(new TokenProblem(
                "urn:license-gateway:problem:" + error.replace('_', '-'), "Token request refused", 400, description,
                error, description)).build();
    }
}
