package io.licensegateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class VacPasswordsTest {

    private static final byte[] SALT = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @Test
    void aPbkdf2HashMatchesItsPasswordOnly() {
        VacPasswords.Pbkdf2 hash = VacPasswords.Pbkdf2.parse(VacPasswords.Pbkdf2.of("s3cret", SALT, 10_000));

        assertThat(hash.iterations()).isEqualTo(10_000);
        assertThat(hash.matches("s3cret")).isTrue();
        assertThat(hash.matches("s3cret ")).isFalse();
    }

    @Test
    void agreesWithPythonAndReadsOpensslsColonSeparatedHex() {
        // python3 -c 'import hashlib; print(hashlib.pbkdf2_hmac("sha256", b"s3cret",
        //   bytes.fromhex("00112233445566778899aabbccddeeff"), 10000).hex())'
        String hex = "61b4fb8a8126820324986a1041661b404c23e3a822397eddac9a450bc1045992";
        assertThat(VacPasswords.Pbkdf2.parse("pbkdf2-sha256:10000:00112233445566778899aabbccddeeff:" + hex)
                .matches("s3cret")).isTrue();
        StringBuilder colons = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            colons.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        // openssl kdf prints upper-case hex pairs separated by colons
        assertThat(VacPasswords.Pbkdf2.parse("pbkdf2-sha256:10000:00112233445566778899aabbccddeeff:"
                + colons.toString().toUpperCase()).matches("s3cret")).isTrue();
        assertThat(VacPasswords.Pbkdf2.parse("pbkdf2-sha256:10000:0011:" + hex)).as("salt too short").isNull();
        assertThat(VacPasswords.Pbkdf2.parse("sha256:" + hex)).isNull();
    }
}
