package dev.wisp.server;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of the connection a request arrived on. A forwarded-headers middleware may replace
 * them with what a trusted proxy reports ({@link Request#withConnection}).
 *
 * @param scheme        {@code http} or {@code https}
 * @param remoteAddress the peer's address
 * @param localAddress  the address the connection was accepted on
 * @param tlsOrNull     the TLS handshake's outcome, {@code null} on a plain connection; read it
 *                      through {@link #tls()}
 */
public record ConnectionInfo(String scheme, InetSocketAddress remoteAddress, InetSocketAddress localAddress,
                             TlsInfo tlsOrNull) {

    public ConnectionInfo {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(localAddress, "localAddress");
    }

    /** A plain-HTTP connection between these addresses. */
    public static ConnectionInfo plain(InetSocketAddress remoteAddress, InetSocketAddress localAddress) {
        return new ConnectionInfo("http", remoteAddress, localAddress, null);
    }

    /** The TLS handshake's outcome; empty on a plain connection. */
    public Optional<TlsInfo> tls() {
        return Optional.ofNullable(tlsOrNull);
    }

    public ConnectionInfo withScheme(String scheme) {
        return new ConnectionInfo(scheme, remoteAddress, localAddress, tlsOrNull);
    }

    public ConnectionInfo withRemoteAddress(InetSocketAddress remoteAddress) {
        return new ConnectionInfo(scheme, remoteAddress, localAddress, tlsOrNull);
    }
}
