package io.licensegateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs and verifies small texts (paging cursors, VAC-compatible tokens) with HMAC-SHA256 under a key kept in
 * PostgreSQL, so every replica accepts what another one issued.
 */
@ApplicationScoped
public class Signer {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Pool pool;
    private final SecureRandom random = new SecureRandom();
    /** Cached once read; a failed read is not cached, so a database hiccup heals on the next call. */
    private volatile SecretKeySpec cached;

    Signer(Pool pool) {
        this.pool = pool;
    }

    /**
     * The shared key: the first instance to need it stores 32 random bytes; everybody then reads what is stored.
     */
    private Uni<SecretKeySpec> key() {
        SecretKeySpec known = cached;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        return pool.preparedQuery("insert into gateway_secret (name, value) values ('signing-key', $1) "
                + "on conflict (name) do nothing").execute(Tuple.of(ENCODER.encodeToString(fresh)))
                .flatMap(ignored -> pool.query("select value from gateway_secret where name = 'signing-key'").execute())
                .map(rows -> new SecretKeySpec(rows.iterator().next().getString(0).getBytes(StandardCharsets.UTF_8),
                        "HmacSHA256"))
                .invoke(key -> cached = key);
    }

    /** {@code base64url(payload).base64url(hmac)}. */
    public Uni<String> sign(String payload) {
        String body = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return key().map(k -> body + "." + ENCODER.encodeToString(mac(k, body)));
    }

    /** The payload of a text {@link #sign} produced, or null when it was altered or is not such a text. */
    public Uni<String> verify(String signed) {
        int dot = signed == null ? -1 : signed.indexOf('.');
        if (dot <= 0) {
            return Uni.createFrom().nullItem();
        }
        String body = signed.substring(0, dot);
        return key().map(k -> {
            try {
                byte[] given = DECODER.decode(signed.substring(dot + 1));
                return MessageDigest.isEqual(given, mac(k, body))
                        ? new String(DECODER.decode(body), StandardCharsets.UTF_8) : null;
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        });
    }

    private static byte[] mac(SecretKeySpec key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
