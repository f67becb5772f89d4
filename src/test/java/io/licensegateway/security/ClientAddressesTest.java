package io.licensegateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.1"));

    @Test
    void theTcpPeerIsTheClientUnlessItIsATrustedProxy() {
        assertThat(behindProxies.of("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
        assertThat(new ClientAddresses(List.of()).of("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        assertThat(behindProxies.of("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // the caller wrote the leftmost entries itself: they are not believed
        assertThat(behindProxies.of("10.1.2.3", List.of("1.1.1.1, 203.0.113.9, 192.0.2.1"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.of("10.1.2.3", List.of("1.1.1.1", "203.0.113.9, 10.9.9.9"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.of("fd00::1", List.of("2001:db8::5"))).isEqualTo("2001:db8::5");
    }

    @Test
    void withoutAUsableForwardedHopTheProxyItselfIsTheClient() {
        assertThat(behindProxies.of("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        assertThat(behindProxies.of("10.1.2.3", List.of("not-an-address"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.of("10.1.2.3", List.of("10.4.4.4"))).isEqualTo("10.4.4.4");
    }

    @Test
    void theThrottleCountsIpv6ClientsPerSlash64AndIpv4ClientsPerAddress() {
        assertThat(ClientAddresses.throttled("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.throttled("2001:db8:1:2::1")).isEqualTo(ClientAddresses.throttled("2001:db8:1:2::ffff"));
        assertThat(ClientAddresses.throttled("2001:db8:1:3::1")).isNotEqualTo(ClientAddresses.throttled("2001:db8:1:2::1"));
        assertThat(ClientAddresses.throttled("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.throttled("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.throttled("unknown")).isEqualTo("unknown");
    }

    @Test
    void refusesWhatIsNotACidr() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.example.com"))).hasMessageContaining("proxy.example.com");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
