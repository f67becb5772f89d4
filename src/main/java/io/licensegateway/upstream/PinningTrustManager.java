package io.licensegateway.upstream;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.X509TrustManager;

/**
 * Trusts what the delegate trusts, and only if the console's own certificate — or its public key — has one of
 * the pinned SHA-256 digests, so a certificate mis-issued by a trusted CA is still refused.
 */
final class PinningTrustManager implements X509TrustManager {

    private final X509TrustManager delegate;
    private final List<String> pins;
    private final String console;

    PinningTrustManager(X509TrustManager delegate, List<String> pins, String console) {
        this.delegate = delegate;
        this.pins = pins;
        this.console = console;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        X509Certificate leaf = chain[0];
        if (!pins.contains(sha256(leaf.getEncoded())) && !pins.contains(sha256(leaf.getPublicKey().getEncoded()))) {
            throw new CertificateException("the certificate of console " + console + " matches none of its pins");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
