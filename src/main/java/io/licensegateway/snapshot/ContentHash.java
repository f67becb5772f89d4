package io.licensegateway.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import io.licensegateway.upstream.Sha256;
import io.licensegateway.upstream.UpstreamLicense;

/**
 * SHA-256 digests: one per license (its upstream item as received, plus the backup server name, which v3 joins from
 * another resource, so a renamed site is a change), and one per console over every license's id and digest in id
 * order. Equal console hashes mean the console returned the same content; equal license digests mean the license is
 * unchanged and keeps its version.
 */
final class ContentHash {

    private ContentHash() {
    }

    /** The digest of each license, in the list's order. */
    static byte[][] ofEach(List<UpstreamLicense> licenses) {
        MessageDigest digest = Sha256.newDigest();
        byte[][] digests = new byte[licenses.size()][];
        for (int i = 0; i < digests.length; i++) {
            UpstreamLicense license = licenses.get(i);
            digest.update(license.raw());
            digest.update((byte) 0);
            digest.update(String.valueOf(license.backupServerName()).getBytes(StandardCharsets.UTF_8));
            digests[i] = digest.digest();
        }
        return digests;
    }

    /** The console's content hash from its licenses and their digests ({@link #ofEach}). */
    static String ofAll(List<UpstreamLicense> licenses, byte[][] digests) {
        Integer[] order = new Integer[licenses.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> licenses.get(i).id()));
        MessageDigest digest = Sha256.newDigest();
        for (int i : order) {
            digest.update(licenses.get(i).id().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(digests[i]);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
