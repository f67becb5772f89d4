package io.licensegateway.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Weak entity tags: the same normalised query over the same snapshots gives the same tag (the body can differ
 * only in freshness metadata such as {@code asOf}, hence weak).
 */
final class ETags {

    private ETags() {
    }

    static String of(List<Long> snapshots, String normalisedQuery) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(snapshots.stream().sorted().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(normalisedQuery.getBytes(StandardCharsets.UTF_8));
            return "W/\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether an {@code If-None-Match} header names this tag (weak comparison, lists and * allowed). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.substring(2);
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(t -> t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(opaque));
    }
}
