package io.licensegateway.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The address a request came from, for throttling and the audit trail. {@code X-Forwarded-For} is believed only when
 * the TCP peer is a configured trusted proxy, and then read from the right: the first hop that is not a trusted
 * proxy is the client (anything left of it was written by the caller and could be anything).
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<Cidr> trustedProxies;

    @Inject
    ClientAddresses(SecurityConfig config) {
        this(config.throttle().trustedProxies().orElse(List.of()));
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(Cidr::parse).toList();
    }

    public String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
        return of(peer, request.headers().getAll("X-Forwarded-For"));
    }

    /** The client, given the TCP peer and every {@code X-Forwarded-For} header in the order received. */
    String of(String peer, List<String> forwardedFor) {
        if (!trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            Arrays.stream(header.split(",")).map(String::trim).filter(h -> !h.isEmpty()).forEach(hops::add);
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = NetUtil.createByteArrayFromIpAddressString(hops.get(i));
            if (hop == null) {
                return client;
            }
            client = NetUtil.bytesToIpAddress(hop);
            if (!trusted(hop)) {
                return client;
            }
        }
        return client;
    }

    /**
     * What the throttle counts an address under: an IPv4 address as it is, an IPv6 address as its /64, since one
     * client (a home line, a server) is routinely given a whole /64 and could otherwise guess from each of its
     * addresses in turn.
     */
    static String throttled(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null || bytes.length != 16) {
            return address;
        }
        if (isV4Mapped(bytes)) {
            return NetUtil.bytesToIpAddress(bytes, 12, 4);
        }
        java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
        return NetUtil.bytesToIpAddress(bytes) + "/64";
    }

    private static boolean isV4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private boolean trusted(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        return bytes != null && trusted(bytes);
    }

    private boolean trusted(byte[] address) {
        return trustedProxies.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** An address block: the network's bytes and how many leading bits must match. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("gateway.security.throttle.trusted-proxies: '" + text
                        + "' is not an IP address or CIDR");
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix > network.length * 8) {
                throw new IllegalArgumentException("gateway.security.throttle.trusted-proxies: '" + text
                        + "' has a prefix longer than the address");
            }
            return new Cidr(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
