package io.licensegateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Standard Webhooks secrets and signatures. */
class WebhookSigningTest {

    @Test
    void secretsAreCheckedAndDecoded() {
        byte[] key = new byte[32];
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        assertThat(Webhooks.key("t", secret)).hasSize(32);
        assertThatThrownBy(() -> Webhooks.key("t", "whsec_c2hvcnQ="))
                .hasMessageContaining("use at least 24").hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> Webhooks.key("t", "whsec_***"))
                .hasMessageContaining("valid base64").hasMessageNotContaining("***");
    }

    /** The Standard Webhooks test vector (standard-webhooks spec, "Signature scheme"). */
    @Test
    void signaturesMatchTheStandardWebhooksTestVector() {
        assertThat(Webhooks.signature(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
