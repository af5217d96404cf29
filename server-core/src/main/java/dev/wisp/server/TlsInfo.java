package dev.wisp.server;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What was negotiated on a TLS connection, as the handler sees it. One value per connection,
 * fixed after the handshake (the server refuses renegotiation).
 *
 * @param protocol            the TLS version, {@code TLSv1.3} or {@code TLSv1.2}
 * @param cipherSuite         the IANA/JSSE cipher suite name, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param applicationProtocol the ALPN protocol chosen ({@code h2} or {@code http/1.1}), or null when
 *                            the client sent no ALPN extension (then the connection speaks HTTP/1.1)
 * @param serverName          the SNI host name the client asked for (RFC 6066 §3), or null when it
 *                            sent none (clients send none for an IP address)
 * @param peerCertificates    the client's certificate chain, its own certificate first, verified
 *                            against the trust bundle; empty when the client sent none (or client
 *                            authentication is off). Unmodifiable
 */
public record TlsInfo(String protocol, String cipherSuite, String applicationProtocol, String serverName,
                      List<X509Certificate> peerCertificates) {

    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        peerCertificates = List.copyOf(peerCertificates);
    }

    /** The client's own certificate, or null when it sent none. */
    public X509Certificate peerCertificate() {
        return peerCertificates.isEmpty() ? null : peerCertificates.getFirst();
    }
}
