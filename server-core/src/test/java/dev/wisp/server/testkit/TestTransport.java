package dev.wisp.server.testkit;

import dev.wisp.server.ServerConfig;
import dev.wisp.server.Tls;
import dev.wisp.server.tls.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The transports the HTTP/1.1 suite runs over: the same raw-socket tests, plain and through TLS,
 * prove that framing, pipelining, limits, timeouts and shutdown don't depend on which. Use it as
 * the parameter of a {@code @ParameterizedClass}.
 */
public enum TestTransport {
    PLAIN,
    TLS;

    /** The server configuration for this transport. */
    public ServerConfig apply(ServerConfig config) {
        return this == TLS ? config.withTls(Material.TLS) : config;
    }

    /** A raw client connected (and, for TLS, through its handshake) to {@code port} on loopback. */
    public Wire connect(int port) throws IOException {
        if (this == PLAIN) {
            return Wire.connect(port);
        }
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress("127.0.0.1", port), Wire.READ_TIMEOUT_MILLIS);
        plain.setSoTimeout(Wire.READ_TIMEOUT_MILLIS);
        SSLSocket socket = (SSLSocket) Material.CLIENT.getSocketFactory().createSocket(plain, "localhost", port, true);
        socket.startHandshake();
        return Wire.over(socket);
    }

    /** One certificate for the whole test run, made at first use (never a checked-in key). */
    private static final class Material {
        static final Tls TLS;
        static final SSLContext CLIENT;

        static {
            try {
                Path dir = Files.createTempDirectory("wisp-test-tls");
                dir.toFile().deleteOnExit();
                TestCertificates certs = TestCertificates.create(dir);
                TestCertificates.Issued server = certs.serverEc("server");
                TLS = Tls.pem(server.certificateFile(), server.keyFile());
                CLIENT = certs.clientContext(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
