package dev.wisp.server.websocket;

import static dev.wisp.server.websocket.WsWire.close;
import static dev.wisp.server.websocket.WsWire.concat;
import static dev.wisp.server.websocket.WsWire.frame;
import static dev.wisp.server.websocket.WsWire.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Headers;
import dev.wisp.server.WebSocketConfig;
import dev.wisp.server.WebSocketHandler;
import dev.wisp.server.WebSocketMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sending, the close handshake driven by the handler, and the timeouts driven by {@code tick}. */
@Timeout(30)
class SessionTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final WebSocketConfig CONFIG = WebSocketConfig.defaults();

    private static Session session(InputStream in, OutputStream out, Runnable closeTransport, WebSocketConfig config) {
        return new Session(in, out, closeTransport, WsWire.upgradeRequest(Headers.empty()), config, WsWire.accepted(null));
    }

    private static Session session(byte[] in, ByteArrayOutputStream out) {
        return session(new ByteArrayInputStream(in), out, () -> { }, CONFIG);
    }

    @Test
    void sendsTheRfcExampleFrames() throws IOException {
        // RFC 6455 §5.7, the unmasked (server) forms.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Session s = session(new byte[0], out);
        s.sendText("Hello");
        assertEquals("810548656c6c6f", HEX.formatHex(out.toByteArray()));
        out.reset();
        s.ping("Hello".getBytes());
        assertEquals("890548656c6c6f", HEX.formatHex(out.toByteArray()));
        out.reset();
        s.sendBinary(new byte[256]);
        assertEquals("827e0100", HEX.formatHex(out.toByteArray(), 0, 4));
        assertEquals(4 + 256, out.size());
        out.reset();
        s.sendBinary(new byte[65536]);
        assertEquals("827f0000000000010000", HEX.formatHex(out.toByteArray(), 0, 10));
        assertEquals(10 + 65536, out.size());
    }

    @Test
    void refusesCloseCodesAndReasonsThatMayNotBeSent() {
        Session s = session(new byte[0], new ByteArrayOutputStream());
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 2999, 5000}) {
            assertThrows(IllegalArgumentException.class, () -> s.close(code, ""), "code " + code);
        }
        assertThrows(IllegalArgumentException.class, () -> s.close(1000, "x".repeat(124)));
        assertThrows(IllegalArgumentException.class, () -> s.ping(new byte[126]));
        assertTrue(s.isOpen());
    }

    @Test
    void afterOurCloseDataIsDiscardedUntilThePeersClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Session s = session(concat(text("late"), frame(true, FrameHeader.PING, new byte[] {1}), close(1000, "ok")), out);
        s.close(4000, "bye");
        assertFalse(s.isOpen());
        assertThrows(IOException.class, () -> s.sendText("more"));
        assertEquals(new WebSocketMessage.Close(1000, "ok"), s.receive());
        assertEquals(new WebSocketMessage.Close(1000, "ok"), s.receive(), "the same Close every time");
        // One Close only, and no Pong after it (§5.5.1).
        assertEquals(List.of("CLOSE 4000 bye"), WsWire.serverFrames(out.toByteArray()));
    }

    @Test
    void handlerReturningClosesWith1000AndWaitsForThePeer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountDownLatch transportClosed = new CountDownLatch(1);
        Session s = session(new ByteArrayInputStream(concat(text("hi"), text("ignored"), close(1000, ""))), out,
                transportClosed::countDown, CONFIG);
        s.run(session -> session.sendText(((WebSocketMessage.Text) session.receive()).text().toUpperCase()));
        assertEquals(List.of("TEXT " + HEX.formatHex("HI".getBytes()), "CLOSE 1000 "), WsWire.serverFrames(out.toByteArray()));
        assertEquals(0, transportClosed.getCount());
    }

    @Test
    void handlerThrowingClosesWith1011() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Session s = session(new ByteArrayInputStream(close(1011, "")), out, () -> { }, CONFIG);
        WebSocketHandler broken = session -> {
            throw new IllegalStateException("bug");
        };
        s.run(broken);
        assertEquals(List.of("CLOSE 1011 "), WsWire.serverFrames(out.toByteArray()));
    }

    @Test
    void concurrentSendsNeverInterleave() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Session s = session(new byte[0], out);
        int threads = 8;
        int each = 200;
        Thread[] senders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            byte[] payload = new byte[1000 + t];
            java.util.Arrays.fill(payload, (byte) t);
            senders[t] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        s.sendBinary(payload);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }
            });
        }
        for (Thread t : senders) {
            t.join();
        }
        List<String> frames = WsWire.serverFrames(out.toByteArray());
        assertEquals(threads * each, frames.size());
        for (String f : frames) {
            String hex = f.substring("BINARY ".length());
            int t = Integer.parseInt(hex.substring(0, 2), 16);
            assertEquals(HEX.formatHex(new byte[] {(byte) t}).repeat(1000 + t), hex);
        }
    }

    /** A peer on the other end of a loopback connection, so the session blocks as it would in the server. */
    private static final class Peer implements AutoCloseable {
        final Socket serverSide;
        final Socket clientSide;
        final InputStream fromServer;
        final OutputStream toServer;
        final CountDownLatch transportClosed = new CountDownLatch(1);

        Peer() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                clientSide = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                serverSide = listener.accept();
            }
            clientSide.setSoTimeout(10_000);
            fromServer = clientSide.getInputStream();
            toServer = clientSide.getOutputStream();
        }

        Session session(WebSocketConfig config) throws IOException {
            return SessionTest.session(serverSide.getInputStream(), serverSide.getOutputStream(), this::closeTransport, config);
        }

        private void closeTransport() {
            transportClosed.countDown();
            try {
                serverSide.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }

        /** The next server frame's opcode, skipping its (short) payload. */
        int nextOpcode() throws IOException {
            int b0 = fromServer.read();
            int len = fromServer.read() & 0x7f;
            fromServer.readNBytes(len);
            return b0 & 0x0f;
        }

        @Override
        public void close() throws IOException {
            clientSide.close();
            serverSide.close();
        }
    }

    @Test
    void pingsAQuietPeerAndClosesAnIdleOne() throws Exception {
        WebSocketConfig config = CONFIG.withPingInterval(Duration.ofSeconds(30)).withIdleTimeout(Duration.ofMinutes(5));
        try (Peer peer = new Peer()) {
            Session s = peer.session(config);
            Thread loop = Thread.ofVirtual().start(() -> s.run(session -> session.receive()));
            long now = System.nanoTime();
            s.tick(now + Duration.ofSeconds(10).toNanos());   // quiet, but not for long: nothing
            s.tick(now + Duration.ofSeconds(31).toNanos());   // a Ping
            assertEquals(FrameHeader.PING, peer.nextOpcode());
            s.tick(now + Duration.ofSeconds(32).toNanos());   // one Ping per interval
            s.tick(now + Duration.ofMinutes(6).toNanos());    // idle: Close 1001
            assertEquals(FrameHeader.CLOSE, peer.nextOpcode());
            assertFalse(s.isOpen());
            // The peer never answers: the close timeout closes the transport.
            s.tick(System.nanoTime() + Duration.ofSeconds(6).toNanos());
            assertTrue(peer.transportClosed.await(10, TimeUnit.SECONDS));
            loop.join(10_000);
            assertFalse(loop.isAlive());
        }
    }

    @Test
    void goingAwaySends1001AndTheHandlerSeesThePeersClose() throws Exception {
        try (Peer peer = new Peer()) {
            Session s = peer.session(CONFIG);
            WebSocketMessage[] seen = new WebSocketMessage[1];
            Thread loop = Thread.ofVirtual().start(() -> s.run(session -> seen[0] = session.receive()));
            s.goingAway();
            assertEquals(FrameHeader.CLOSE, peer.nextOpcode());
            peer.toServer.write(close(1001, ""));
            peer.toServer.flush();
            loop.join(10_000);
            assertEquals(new WebSocketMessage.Close(1001, ""), seen[0]);
            assertTrue(peer.transportClosed.await(10, TimeUnit.SECONDS));
        }
    }
}
