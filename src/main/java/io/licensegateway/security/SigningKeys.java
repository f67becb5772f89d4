package io.licensegateway.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.spec.SecretKeySpec;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The HMAC keys of one purpose (cursors, tokens), by key id, kept in {@code gateway_secret} as
 * {@code <purpose>-key:<id>} so every replica signs and verifies alike. New texts are signed with the current id's key
 * (created by the first replica that needs it); texts signed with an accepted earlier id still verify, so a key is
 * rotated by changing the current id and keeping the old one accepted for as long as its texts live. Only configured
 * ids are ever looked up, so a forged id costs no database work.
 */
final class SigningKeys {

    /** The one key of earlier versions, which signed cursors and tokens alike; texts without a key id used it. */
    static final String LEGACY = "signing-key";

    private final Pool pool;
    private final String purpose;
    private final String current;
    private final Set<String> accepted;
    private final boolean acceptLegacy;
    private final SecureRandom random = new SecureRandom();
    /** Keys once read; a failed read is not cached, so a database hiccup heals on the next call. */
    private final Map<String, SecretKeySpec> cached = new ConcurrentHashMap<>();
    private volatile boolean legacyAbsent;

    SigningKeys(Pool pool, String purpose, String current, List<String> previous, boolean acceptLegacy) {
        this.pool = pool;
        this.purpose = purpose;
        this.current = current;
        this.accepted = Stream.concat(previous.stream(), Stream.of(current)).collect(Collectors.toUnmodifiableSet());
        this.acceptLegacy = acceptLegacy;
    }

    String currentId() {
        return current;
    }

    /** The key new texts are signed with. */
    Uni<SecretKeySpec> current() {
        return key(purpose + "-key:" + current, true);
    }

    /** The key of an accepted id, or null (unknown ids are not looked up). */
    Uni<SecretKeySpec> forId(String id) {
        return accepted.contains(id) ? key(purpose + "-key:" + id, false) : Uni.createFrom().nullItem();
    }

    /** The key of texts without a key id, or null when not accepted or never created. */
    Uni<SecretKeySpec> legacy() {
        if (!acceptLegacy || legacyAbsent) {
            return Uni.createFrom().nullItem();
        }
        // nothing creates it any more: once found absent it stays absent, and forged texts cost no more lookups
        return key(LEGACY, false).invoke(key -> legacyAbsent = key == null);
    }

    private Uni<SecretKeySpec> key(String name, boolean create) {
        SecretKeySpec known = cached.get(name);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        Uni<?> created = create
                ? pool.preparedQuery("insert into gateway_secret (name, value) values ($1, $2) on conflict (name) do nothing")
                .execute(Tuple.of(name, Base64.getUrlEncoder().withoutPadding().encodeToString(fresh)))
                : Uni.createFrom().voidItem();
        return created.flatMap(ignored -> pool.preparedQuery("select value from gateway_secret where name = $1")
                        .execute(Tuple.of(name)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    // the stored text's bytes are the key, as earlier versions used it
                    SecretKeySpec key = new SecretKeySpec(
                            rows.iterator().next().getString(0).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
                    cached.put(name, key);
                    return key;
                });
    }
}
