package io.licensegateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which incoming request ids are echoed as they are (the HTTP side is in {@link RequestIdTests}). */
class RequestIdFormatTest {

    @Test
    void keepsShortIdsOfSafeCharacters() {
        assertThat(RequestIds.accepted("abc-DEF_1.2")).isEqualTo("abc-DEF_1.2");
        assertThat(RequestIds.accepted("a".repeat(64))).isEqualTo("a".repeat(64));
    }

    @Test
    void replacesLongUnsafeEmptyOrMissingIdsWithAFreshOne() {
        assertThat(RequestIds.accepted("a".repeat(65))).hasSize(36).isNotEqualTo("a".repeat(65));
        assertThat(RequestIds.accepted("a\nb")).hasSize(36);
        assertThat(RequestIds.accepted("")).hasSize(36);
        assertThat(RequestIds.accepted(null)).hasSize(36);
    }
}
