package dev.wisp.server.tls;

import dev.wisp.server.TlsInfo;
import dev.wisp.server.io.PlainTransport;
import dev.wisp.server.io.TlsTransport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLEngine;

/**
 * The first bytes of a connection to a TLS port, on the connection's own virtual thread. The
 * caller bounds all of it with the head deadline (its watchdog shuts the input when it passes).
 *
 * <ul>
 *   <li>A TLS record starts with content type 22, handshake (RFC 8446 §5.1): the handshake runs,
 *       then renegotiation is locked out and the outcome is read.</li>
 *   <li>A letter is the start of a plain-HTTP request line: it gets a plain-text {@code 400}
 *       saying the port expects HTTPS, then the connection closes (as nginx answers, status 400
 *       rather than its non-standard 497).</li>
 *   <li>Anything else, or nothing: the connection closes.</li>
 * </ul>
 */
public final class TlsHandshake {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");
    private static final int HANDSHAKE_RECORD = 22;
    private static final byte[] PLAIN_HTTP_REFUSAL = ("HTTP/1.1 400 Bad Request\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 54\r\n"
            + "Connection: close\r\n\r\n"
            + "This port expects HTTPS: use https:// to connect here\n").getBytes(StandardCharsets.US_ASCII);

    /** A finished handshake: the transport to speak through and what it negotiated. */
    public record Result(TlsTransport transport, TlsInfo info) {
    }

    private TlsHandshake() {
    }

    /**
     * Performs the server side of the handshake on {@code socket}, the plain transport over
     * {@code channel}. Returns null when the peer
     * spoke plain HTTP (answered) or something else (nothing to answer); the caller then closes.
     * Throws when the handshake itself fails (a refused protocol version or suite, a bad client
     * certificate, the deadline).
     */
    public static Result accept(PlainTransport socket, SocketChannel channel, ServerTls tls) throws IOException {
        InputStream raw = socket.input();
        int first = raw.read();
        if (first != HANDSHAKE_RECORD) {
            if (first >= 'A' && first <= 'Z' || first >= 'a' && first <= 'z') {
                LOG.log(Level.DEBUG, "tls.refused reason=plain_http");
                refusePlainHttp(socket, raw);
            } else {
                LOG.log(Level.DEBUG, "tls.refused reason=not_tls first_byte={0}", first);
            }
            return null;
        }
        InetSocketAddress peer = (InetSocketAddress) channel.getRemoteAddress();
        SSLEngine engine = tls.context().createSSLEngine(peer.getHostString(), peer.getPort());
        tls.configure(engine);
        TlsTransport transport = new TlsTransport(socket, engine, new byte[] {(byte) first});
        transport.handshake();
        ServerTls.forbidRenegotiation(engine);
        return new Result(transport, ServerTls.info(engine));
    }

    /**
     * Answers in plain text and half-closes, then reads a little of what the client still sends
     * so that closing doesn't reset the connection before it has read the answer.
     */
    private static void refusePlainHttp(PlainTransport socket, InputStream raw) throws IOException {
        socket.write(new ByteBuffer[] {ByteBuffer.wrap(PLAIN_HTTP_REFUSAL)});
        socket.shutdownOutput();
        byte[] sink = new byte[4096];
        int total = 0;
        int n;
        while (total < 64 * 1024 && (n = raw.read(sink)) > 0) {
            total += n;
        }
    }
}
