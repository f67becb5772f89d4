package io.licensegateway.upstream;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A fresh SHA-256 digest, for the digests of what consoles answer: their pages and, when stored, each license. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
