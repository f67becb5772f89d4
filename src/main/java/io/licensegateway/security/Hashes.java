package io.licensegateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and a comparison whose time does not depend on where the inputs differ. */
final class Hashes {

    private Hashes() {
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean matches(byte[] presentedHash, String configuredHex) {
        return MessageDigest.isEqual(presentedHash, HexFormat.of().parseHex(configuredHex.toLowerCase()));
    }
}
