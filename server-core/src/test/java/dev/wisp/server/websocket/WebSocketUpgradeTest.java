package dev.wisp.server.websocket;

import static dev.wisp.server.websocket.WsWire.HEX;
import static dev.wisp.server.websocket.WsWire.concat;
import static dev.wisp.server.websocket.WsWire.frame;
import static dev.wisp.server.websocket.WsWire.text;
import static dev.wisp.server.websocket.WsWire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Handler;
import dev.wisp.server.Limits;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import dev.wisp.server.WebSocketConfig;
import dev.wisp.server.WebSocketHandler;
import dev.wisp.server.WebSocketMessage;
import dev.wisp.server.testkit.Wire;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WebSocket upgrade through the real server, byte by byte: the RFC 6455 §4.2 handshake checks
 * (400, 403, 405, 426), the 101 with the application's headers but the server's own
 * {@code Upgrade}/{@code Connection}/{@code Sec-WebSocket-Accept}, frames after the 101 (also in
 * the same packet as the head), the close handshake, Close 1001 on shutdown, the idle timeout with
 * automatic pings, and the shutdown grace ending a session whose handler never returns.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketUpgradeTest {
    static final WebSocketHandler ECHO = session -> {
        while (session.receive() instanceof WebSocketMessage.Text t) {
            session.sendText(t.text());
        }
    };

    private Server server;

    private void start(Handler handler, Timeouts timeouts) {
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                .withTimeouts(timeouts), handler);
    }

    private void start(WebSocketConfig config) {
        // Middleware that adds a request id and tries to set the handshake's own fields.
        Handler app = request -> request.path().equals("/ws") ? Response.webSocket(ECHO, config) : Response.text("plain");
        Handler wrapped = request -> app.handle(request).withHeader("X-Request-Id", "r-1").withHeader("Upgrade", "h2c")
                .withHeader("Connection", "keep-alive").withHeader("Sec-WebSocket-Accept", "forged");
        start(wrapped, Timeouts.defaults());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String withoutDate(String head) {
        int at = head.indexOf("\r\nDate: ");
        if (at < 0) {
            throw new AssertionError("no Date in " + head);
        }
        int end = head.indexOf("\r\n", at + 2);
        return head.substring(0, at) + head.substring(end);
    }

    @Test
    void answers101WithApplicationHeadersAndTheServersOwnHandshakeFields() throws IOException {
        start(WebSocketConfig.defaults());
        try (RawWsClient c = new RawWsClient(server.port())) {
            c.send(RawWsClient.handshake("/ws", ""));
            assertEquals("HTTP/1.1 101 Switching Protocols\r\nX-Request-Id: r-1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + RawWsClient.ACCEPT + "\r\n\r\n", withoutDate(c.readHead()));
            c.send(text("hello"));
            assertEquals("TEXT " + HEX.formatHex(utf8("hello")), c.readFrame());
            // Close handshake (RFC 6455 §5.5.1): our Close is echoed, then the server closes TCP first (§7.1.1).
            c.send(WsWire.close(1000, "bye"));
            assertEquals("CLOSE 1000 ", c.readFrame());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void negotiatesTheSubprotocolAndPermessageDeflateInThe101() throws IOException {
        start(WebSocketConfig.defaults().withSubprotocols("v2.chat", "v1.chat"));
        try (RawWsClient c = new RawWsClient(server.port())) {
            c.send(RawWsClient.handshake("/ws", "Sec-WebSocket-Protocol: v1.chat, v2.chat\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"));
            String head = c.readHead();
            // The client's order decides (RFC 6455 §4.2.2); the offer is accepted as RFC 7692 §7.1 allows.
            assertTrue(head.contains("\r\nSec-WebSocket-Protocol: v1.chat\r\n"), head);
            assertTrue(head.contains("\r\nSec-WebSocket-Extensions: permessage-deflate"), head);
            c.send(text("hello"));
            assertEquals("TEXT " + HEX.formatHex(utf8("hello")), c.readFrame()); // short: sent uncompressed
        }
    }

    @Test
    void anOpenSessionHoldsNoRequestPermit() throws IOException {
        // With one request permit and no queue, a second request would get 503 if the session held it.
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                        .withLimits(Limits.defaults().withMaxConcurrentRequests(1, 0)),
                request -> request.path().equals("/ws") ? Response.webSocket(ECHO) : Response.text("plain"));
        try (RawWsClient session = new RawWsClient(server.port()); Wire plain = Wire.connect(server.port())) {
            session.send(RawWsClient.handshake("/ws", "")).readHead();
            session.send(text("open"));
            assertEquals("TEXT " + HEX.formatHex(utf8("open")), session.readFrame());
            assertEquals(200, plain.get("/plain").status());
        }
    }

    @Test
    void framesInTheSamePacketAsTheHandshakeAreNotLost() throws IOException {
        start(WebSocketConfig.defaults());
        try (RawWsClient c = new RawWsClient(server.port())) {
            c.send(concat(RawWsClient.handshake("/ws", "").getBytes(), text("one"), text("two")));
            assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
            assertEquals("TEXT " + HEX.formatHex(utf8("one")), c.readFrame());
            assertEquals("TEXT " + HEX.formatHex(utf8("two")), c.readFrame());
        }
    }

    @Test
    void aPingBetweenFragmentsIsAnsweredAndTheMessageStillArrivesWhole() throws IOException {
        start(WebSocketConfig.defaults());
        try (RawWsClient c = new RawWsClient(server.port())) {
            c.send(RawWsClient.handshake("/ws", "")).readHead();
            c.send(concat(frame(false, FrameHeader.TEXT, utf8("he")), frame(true, FrameHeader.PING, utf8("p")),
                    frame(true, FrameHeader.CONTINUATION, utf8("llo"))));
            assertEquals("PONG 70", c.readFrame());
            assertEquals("TEXT " + HEX.formatHex(utf8("hello")), c.readFrame());
        }
    }

    @Test
    void anUnmaskedClientFrameFailsTheSessionWith1002() throws IOException {
        start(WebSocketConfig.defaults());
        try (RawWsClient c = new RawWsClient(server.port())) {
            c.send(RawWsClient.handshake("/ws", "")).readHead();
            c.send(frame(0x81, false, 0, utf8("hi"))); // RFC 6455 §5.1: a server must close on an unmasked frame
            assertTrue(c.readFrame().startsWith("CLOSE 1002"));
            assertTrue(c.closedByServer());
        }
    }

    private static String rejected(int port, String request) throws IOException {
        try (RawWsClient c = new RawWsClient(port)) {
            c.send(request);
            String head = withoutDate(c.readHead());
            String body = c.readToEnd(); // and the server closes
            return head + body;
        }
    }

    @Test
    void aHandshakeWithoutKeyIs400AndNo101() throws IOException {
        start(WebSocketConfig.defaults());
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        String text = "Sec-WebSocket-Key must be one base64-encoded 16-byte value\n";
        assertEquals("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + text.length() + "\r\nConnection: close\r\n\r\n" + text, rejected(server.port(), request));
    }

    @Test
    void aPlainGetOnAWebSocketRouteIs400() throws IOException {
        start(WebSocketConfig.defaults());
        String reply = rejected(server.port(), "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 400 Bad Request\r\n"), reply);
        assertTrue(reply.endsWith("Missing Upgrade: websocket or Connection: upgrade\n"), reply);
    }

    @Test
    void anotherVersionIs426NamingVersion13() throws IOException {
        start(WebSocketConfig.defaults());
        String reply = rejected(server.port(), RawWsClient.handshake("/ws", "").replace("Version: 13", "Version: 8"));
        assertTrue(reply.startsWith("HTTP/1.1 426 Upgrade Required\r\n"), reply);
        assertTrue(reply.contains("\r\nSec-WebSocket-Version: 13\r\n"), reply);
    }

    @Test
    void aForeignOriginIs403UnlessAllowed() throws IOException {
        start(WebSocketConfig.defaults().withAllowedOrigins("https://app.example"));
        // Cross-Site WebSocket Hijacking: a page elsewhere must not open a session with the user's cookies.
        String reply = rejected(server.port(), RawWsClient.handshake("/ws", "Origin: https://evil.example\r\n"));
        assertTrue(reply.startsWith("HTTP/1.1 403 Forbidden\r\n"), reply);
        for (String origin : new String[] {"https://app.example", "http://127.0.0.1"}) {
            try (RawWsClient c = new RawWsClient(server.port())) {
                c.send(RawWsClient.handshake("/ws", "Origin: " + origin + "\r\n"));
                assertTrue(c.readHead().startsWith("HTTP/1.1 101 "), origin);
            }
        }
    }

    @Test
    void aHandshakeWithABodyIs400() throws IOException {
        start(WebSocketConfig.defaults());
        String reply = rejected(server.port(), RawWsClient.handshake("/ws", "Content-Length: 2\r\n") + "hi");
        assertTrue(reply.startsWith("HTTP/1.1 400 Bad Request\r\n"), reply);
    }

    @Test
    void aPostIs405WithAllowGet() throws IOException {
        start(WebSocketConfig.defaults());
        String reply = rejected(server.port(), RawWsClient.handshake("/ws", "").replace("GET ", "POST "));
        assertTrue(reply.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), reply);
        assertTrue(reply.contains("\r\nAllow: GET\r\n"), reply);
    }

    @Test
    void shutdownSendsClose1001AndEndsWithoutWaitingForTheGrace() throws Exception {
        // A 60 s grace and a 30 s test timeout: close() only returns in time if the session ended.
        start(request -> Response.webSocket(ECHO), Timeouts.defaults().withShutdownGrace(Duration.ofSeconds(60)));
        try (RawWsClient c = new RawWsClient(server.port())) {
            c.send(RawWsClient.handshake("/ws", "")).readHead();
            c.send(text("x"));
            assertEquals("TEXT 78", c.readFrame());
            Thread closer = Thread.ofVirtual().start(server::close);
            assertEquals("CLOSE 1001 server shutting down", c.readFrame());
            c.send(WsWire.close(1001, ""));
            assertTrue(c.closedByServer());
            closer.join();
        }
    }

    @Test
    void pastTheGraceAHandlerThatNeverReturnsIsInterruptedAndTheConnectionClosed() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        WebSocketHandler stuck = session -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        };
        start(request -> Response.webSocket(stuck, WebSocketConfig.defaults().withCloseTimeout(Duration.ofMinutes(1))),
                Timeouts.defaults().withShutdownGrace(Duration.ofMillis(500)));
        try (RawWsClient c = new RawWsClient(server.port())) {
            c.send(RawWsClient.handshake("/ws", "")).readHead();
            Thread closer = Thread.ofVirtual().start(server::close);
            assertEquals("CLOSE 1001 server shutting down", c.readFrame()); // sent although nobody receives
            assertTrue(c.closedByServer());
            closer.join();
            assertTrue(interrupted.get());
        }
    }

    @Test
    void aSilentPeerIsPingedThenClosedWith1001AfterTheIdleTimeout() throws IOException {
        start(WebSocketConfig.defaults().withPingInterval(Duration.ofMillis(300)).withIdleTimeout(Duration.ofMillis(1500))
                .withCloseTimeout(Duration.ofMillis(500)));
        try (RawWsClient c = new RawWsClient(server.port())) {
            c.send(RawWsClient.handshake("/ws", "")).readHead();
            assertEquals("PING ", c.readFrame());
            String next = c.readFrame();
            while (next.equals("PING ")) {
                next = c.readFrame(); // one per interval until the idle timeout
            }
            assertEquals("CLOSE 1001 idle timeout", next);
            // No Close back: the close timeout ends the connection.
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aPeerAnsweringPingsStaysOpenPastTheIdleTimeout() throws IOException {
        // Pongs keep it open for longer than the idle timeout; the margin between a ping and the
        // timeout is wide, so a pong delayed by a busy machine still counts.
        start(WebSocketConfig.defaults().withPingInterval(Duration.ofMillis(200)).withIdleTimeout(Duration.ofMillis(2000)));
        try (RawWsClient c = new RawWsClient(server.port())) {
            c.send(RawWsClient.handshake("/ws", "")).readHead();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000);
            while (System.nanoTime() < end) {
                assertEquals("PING ", c.readFrame());
                c.send(frame(true, FrameHeader.PONG, new byte[0]));
            }
            c.send(text("still here"));
            String next = c.readFrame();
            while (next.equals("PING ")) {
                next = c.readFrame();
            }
            assertEquals("TEXT " + HEX.formatHex(utf8("still here")), next);
        }
    }
}
