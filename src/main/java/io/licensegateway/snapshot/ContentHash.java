package io.licensegateway.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import io.licensegateway.upstream.UpstreamLicense;

/**
 * SHA-256 over a console's licenses in id order: equal hashes mean the console returned the same content. The
 * backup server name counts besides {@code raw} because v3 joins it from another resource: a renamed site must
 * make a new snapshot even when its license is unchanged.
 */
final class ContentHash {

    private ContentHash() {
    }

    static String of(List<UpstreamLicense> licenses) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            licenses.stream().sorted(Comparator.comparing(UpstreamLicense::id)).forEach(license -> {
                digest.update(license.raw().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(String.valueOf(license.backupServerName()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
