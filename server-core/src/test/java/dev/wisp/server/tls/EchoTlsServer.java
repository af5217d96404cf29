package dev.wisp.server.tls;

import dev.wisp.server.TlsInfo;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A test server that does with {@link ServerTls} what the transport does: accept on port 0,
 * wrap the socket, {@code configure}, handshake, {@code forbidRenegotiation}, take the
 * {@code TlsInfo}, then echo bytes until the client closes. Each connection's outcome (its
 * {@code TlsInfo} or the handshake failure) is queued in accept order for the test to assert.
 */
final class EchoTlsServer implements AutoCloseable {
    private final ServerTls tls;
    private final boolean forbidRenegotiation;
    private final ServerSocket listener;
    private final BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
    private final Queue<Socket> open = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    private EchoTlsServer(ServerTls tls, boolean forbidRenegotiation) throws IOException {
        this.tls = tls;
        this.forbidRenegotiation = forbidRenegotiation;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    static EchoTlsServer start(ServerTls tls) throws IOException {
        return new EchoTlsServer(tls, true);
    }

    /** Without the renegotiation lock, to show what it prevents. */
    static EchoTlsServer startAllowingRenegotiation(ServerTls tls) throws IOException {
        return new EchoTlsServer(tls, false);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next connection's {@code TlsInfo}; fails the test if its handshake failed. */
    TlsInfo nextInfo() throws Exception {
        Object outcome = next();
        if (outcome instanceof Exception e) {
            throw new AssertionError("the server's handshake failed", e);
        }
        return (TlsInfo) outcome;
    }

    /** The next connection's handshake failure; fails the test if it succeeded. */
    Exception nextFailure() throws Exception {
        Object outcome = next();
        if (outcome instanceof TlsInfo info) {
            throw new AssertionError("the server's handshake succeeded: " + info);
        }
        return (Exception) outcome;
    }

    private Object next() throws InterruptedException {
        Object outcome = outcomes.poll(10, TimeUnit.SECONDS);
        if (outcome == null) {
            throw new AssertionError("no connection reached the server");
        }
        return outcome;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket plain = listener.accept();
                open.add(plain);
                Thread.ofVirtual().start(() -> serve(plain));
            } catch (IOException e) {
                return;  // closed
            }
        }
    }

    private void serve(Socket plain) {
        try (plain) {
            plain.setSoTimeout(10_000);
            SSLSocket socket = (SSLSocket) tls.context().getSocketFactory().createSocket(plain, null, true);
            open.add(socket);
            tls.configure(socket);
            try {
                socket.startHandshake();
                if (forbidRenegotiation) {
                    ServerTls.forbidRenegotiation(socket);
                }
                outcomes.add(ServerTls.info(socket));
            } catch (IOException e) {
                outcomes.add(e);
                return;
            }
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away, or a renegotiation was refused; the test asserts on the client side
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.join(5_000);
    }

    // ---- client side ----

    /** A client connected to {@code localhost} (so it sends SNI and checks the name), its handshake done. */
    static SSLSocket connect(SSLContext client, int port, Consumer<SSLParameters> tweak) throws IOException {
        return connect(client, "localhost", port, tweak);
    }

    static SSLSocket connect(SSLContext client, String host, int port, Consumer<SSLParameters> tweak) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        // the host given here decides the SNI name and the certificate name check
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        // as browsers and curl do: SNI for a host name, none for an address (RFC 6066 §3)
        params.setServerNames(Character.isDigit(host.charAt(0)) ? List.of() : List.of(new SNIHostName(host)));
        tweak.accept(params);
        socket.setSSLParameters(params);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** Writes {@code text} and reads the echo back. */
    static String echo(SSLSocket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        byte[] back = socket.getInputStream().readNBytes(bytes.length);
        return new String(back, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The serial number of the certificate the server presented, as {@code TestCertificates.Issued.serial()}. */
    static String serverSerial(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16);
    }

    static List<String> subjects(TlsInfo info) {
        return info.peerCertificates().stream().map(c -> c.getSubjectX500Principal().getName()).toList();
    }
}
