package io.licensegateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs and verifies small texts with HMAC-SHA256 under keys kept in PostgreSQL, so every replica accepts what another
 * one issued: paging cursors ({@link #sign}, {@link #verify}) and VAC-compatible tokens under separate keys, each
 * with a key id ({@link SigningKeys}) so either can be rotated on its own.
 */
@ApplicationScoped
public class Signer {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SigningKeys cursors;
    private final SigningKeys tokens;

    Signer(Pool pool, SecurityConfig config) {
        SecurityConfig.Signing signing = config.signing();
        this.cursors = new SigningKeys(pool, "cursor", signing.cursorKeyId(),
                signing.cursorAcceptedKeyIds().orElse(List.of()), signing.acceptLegacyKey());
        this.tokens = new SigningKeys(pool, "token", signing.tokenKeyId(),
                signing.tokenAcceptedKeyIds().orElse(List.of()), signing.acceptLegacyKey());
    }

    /** A paging cursor: {@code keyId~base64url(payload).base64url(hmac)}. */
    public Uni<String> sign(String payload) {
        return sign(cursors, payload);
    }

    /** The payload of a cursor {@link #sign} produced, or null when it was altered or is not such a text. */
    public Uni<String> verify(String signed) {
        return verify(cursors, signed);
    }

    Uni<String> signToken(String payload) {
        return sign(tokens, payload);
    }

    Uni<String> verifyToken(String signed) {
        return verify(tokens, signed);
    }

    private static Uni<String> sign(SigningKeys keys, String payload) {
        String signed = keys.currentId() + "~" + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return keys.current().map(k -> signed + "." + ENCODER.encodeToString(mac(k, signed)));
    }

    /** Texts without a key id ({@code body.mac}) are those of earlier versions, under the one key they had. */
    private static Uni<String> verify(SigningKeys keys, String signed) {
        int dot = signed == null ? -1 : signed.lastIndexOf('.');
        if (dot <= 0) {
            return Uni.createFrom().nullItem();
        }
        String macked = signed.substring(0, dot);
        int tilde = macked.indexOf('~');
        Uni<SecretKeySpec> key = tilde < 0 ? keys.legacy() : keys.forId(macked.substring(0, tilde));
        String body = macked.substring(tilde + 1);
        return key.map(k -> {
            if (k == null) {
                return null;
            }
            try {
                byte[] given = DECODER.decode(signed.substring(dot + 1));
                return MessageDigest.isEqual(given, mac(k, macked))
                        ? new String(DECODER.decode(body), StandardCharsets.UTF_8) : null;
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        });
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
