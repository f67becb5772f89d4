package io.licensegateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real OpenID Connect token issuer for the test: an HTTP server serving discovery
 * ({@code /.well-known/openid-configuration}) and a JWKS with the public half of the RSA key it signs tokens with.
 * Configures the gateway's OIDC against it: issuer, client id, audience and the role claim {@value #ROLE_CLAIM}.
 */
public class OidcIssuerResource implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "license-gateway";
    public static final String AUDIENCE = "license-gateway-api";
    public static final String ROLE_CLAIM = "groups";

    private static volatile Issuer issuer;
    private HttpServer server;

    /** The issuer of the running test application. */
    public static Issuer issuer() {
        return issuer;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/licensing";
            issuer = new Issuer(base, key("signing-key"), key("unpublished-key"));
            server.createContext("/realms/licensing/.well-known/openid-configuration", exchange -> json(exchange, """
                    {"issuer":"%1$s","jwks_uri":"%1$s/protocol/openid-connect/certs",
                    "token_endpoint":"%1$s/protocol/openid-connect/token",
                    "id_token_signing_alg_values_supported":["RS256"]}""".formatted(base)));
            server.createContext("/realms/licensing/protocol/openid-connect/certs",
                    exchange -> json(exchange, new JsonWebKeySet(issuer.published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            server.start();
            return Map.of("gateway.security.oidc.enabled", "true",
                    "quarkus.oidc.auth-server-url", base,
                    "quarkus.oidc.client-id", CLIENT_ID,
                    "quarkus.oidc.token.audience", AUDIENCE,
                    "quarkus.oidc.roles.role-claim-path", ROLE_CLAIM);
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("the test issuer could not start", e);
        }
    }

    private static RsaJsonWebKey key(String id) throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(id);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        return key;
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    /** Mints tokens: right ones, and ones wrong in exactly one way. */
    public static final class Issuer {

        private final String url;
        private final RsaJsonWebKey published;
        private final RsaJsonWebKey unpublished;

        Issuer(String url, RsaJsonWebKey published, RsaJsonWebKey unpublished) {
            this.url = url;
            this.published = published;
            this.unpublished = unpublished;
        }

        /** A valid token for {@code subject} with these roles in {@value #ROLE_CLAIM}. */
        public String token(String subject, String... roles) {
            return sign(claims(subject, url, AUDIENCE, Instant.now().plusSeconds(300), roles), published);
        }

        public String fromIssuer(String otherIssuer, String subject, String... roles) {
            return sign(claims(subject, otherIssuer, AUDIENCE, Instant.now().plusSeconds(300), roles), published);
        }

        public String forAudience(String otherAudience, String subject, String... roles) {
            return sign(claims(subject, url, otherAudience, Instant.now().plusSeconds(300), roles), published);
        }

        public String expiredAt(Instant expiry, String subject, String... roles) {
            return sign(claims(subject, url, AUDIENCE, expiry, roles), published);
        }

        /** Signed with a key the issuer never published. */
        public String signedWithUnknownKey(String subject, String... roles) {
            return sign(claims(subject, url, AUDIENCE, Instant.now().plusSeconds(300), roles), unpublished);
        }

        private static JwtClaims claims(String subject, String issuer, String audience, Instant expiry, String... roles) {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(audience);
            claims.setSubject(subject);
            claims.setIssuedAt(NumericDate.fromSeconds(Math.min(Instant.now().getEpochSecond(), expiry.getEpochSecond() - 60)));
            claims.setExpirationTime(NumericDate.fromSeconds(expiry.getEpochSecond()));
            claims.setClaim("azp", CLIENT_ID);
            claims.setStringListClaim(ROLE_CLAIM, List.of(roles));
            return claims;
        }

        private static String sign(JwtClaims claims, RsaJsonWebKey key) {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
