package dev.wisp.server.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Await;
import dev.wisp.server.Handler;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import dev.wisp.server.WebSocketHandler;
import dev.wisp.server.WebSocketMessage;
import dev.wisp.server.testkit.WsMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server against the JDK's own WebSocket client ({@code java.net.http.WebSocket}), end to
 * end: byte-exact echo from 0 bytes to the 16 MiB message limit, text and binary; many sessions
 * at once; a client that stops reading holds the server's sender (back-pressure, no queue); a
 * shutdown reaches the client as Close 1001.
 */
@Timeout(value = 45, unit = TimeUnit.SECONDS)
class WebSocketClientTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int[] SIZES = {0, 1, 125, 126, 65_535, 65_536, 1 << 20, 16 << 20};
    private static final int FLOOD_MESSAGE = 64 * 1024;

    static final WebSocketHandler ECHO = session -> {
        while (true) {
            switch (session.receive()) {
                case WebSocketMessage.Text t -> session.sendText(t.text());
                case WebSocketMessage.Binary b -> session.sendBinary(b.bytes());
                case WebSocketMessage.Close c -> {
                    return;
                }
            }
        }
    };

    private final AtomicInteger floodSent = new AtomicInteger();
    private final AtomicReference<Thread> floodThread = new AtomicReference<>();
    private Server server;
    private final HttpClient http = HttpClient.newHttpClient();

    private void start(Duration grace) {
        // "/flood": sends the count of 64 KiB binary messages the client asks for, as fast as it can.
        WebSocketHandler flood = session -> {
            if (session.receive() instanceof WebSocketMessage.Text t) {
                floodThread.set(Thread.currentThread());
                int n = Integer.parseInt(t.text());
                for (int i = 0; i < n; i++) {
                    byte[] m = new byte[FLOOD_MESSAGE];
                    m[0] = (byte) i;
                    session.sendBinary(m);
                    floodSent.incrementAndGet();
                }
            }
            session.receive();
        };
        Handler handler = request -> Response.webSocket(request.path().equals("/flood") ? flood : ECHO);
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                .withTimeouts(Timeouts.defaults().withShutdownGrace(grace)), handler);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    private WebSocket open(String path, WsMessages collector) throws Exception {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), collector)
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code bytes} UTF-8 bytes of 1-, 2- and 3-byte characters. */
    static String text(int bytes) {
        StringBuilder sb = new StringBuilder(bytes);
        while (bytes >= 6) {
            sb.append("aé€");
            bytes -= 6;
        }
        return sb.append("z".repeat(bytes)).toString();
    }

    static byte[] binary(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    @Test
    void echoesTextAndBinaryByteExactFromEmptyTo16MiB() throws Exception {
        start(Duration.ofSeconds(10));
        WsMessages c = new WsMessages();
        WebSocket ws = open("/echo", c);
        for (int size : SIZES) {
            String t = text(size);
            assertEquals(size, t.getBytes(StandardCharsets.UTF_8).length);
            ws.sendText(t, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(t, c.next(WAIT), "text of " + size + " bytes");
            byte[] b = binary(size);
            ws.sendBinary(ByteBuffer.wrap(b), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertArrayEquals(b, (byte[]) c.next(WAIT), "binary of " + size + " bytes");
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("1000 ", c.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void manySessionsAtOnceEachGetTheirOwnMessagesInOrder() throws Exception {
        start(Duration.ofSeconds(10));
        int sessions = 50;
        int messages = 20;
        List<WsMessages> collectors = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            WsMessages c = new WsMessages();
            collectors.add(c);
            sockets.add(open("/echo", c));
        }
        for (int m = 0; m < messages; m++) {
            for (int s = 0; s < sessions; s++) {
                sockets.get(s).sendText(s + ":" + m, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        for (int s = 0; s < sessions; s++) {
            for (int m = 0; m < messages; m++) {
                assertEquals(s + ":" + m, collectors.get(s).next(WAIT));
            }
            sockets.get(s).sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        Await.until("every session closed", WAIT, () -> server.stats().openConnections() == 0,
                () -> server.stats().openConnections());
    }

    @Test
    void aClientThatStopsReadingHoldsTheSenderUntilItReadsAgain() throws Exception {
        start(Duration.ofSeconds(10));
        int n = 400; // 25 MiB: more than the socket buffers between the two hold
        WsMessages c = new WsMessages();
        c.reading = false;
        WebSocket ws = open("/flood", c);
        ws.request(1); // one message, then the client stops asking
        ws.sendText(Integer.toString(n), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        // The sender blocks in a write: its virtual thread parks with most messages unsent.
        Await.until("the sender blocked on the slow client", WAIT,
                () -> floodThread.get() != null && floodThread.get().getState() == Thread.State.WAITING
                        && floodSent.get() > 0,
                () -> floodSent.get() + " sent, " + (floodThread.get() == null ? "-" : floodThread.get().getState()));
        int sentWhileBlocked = floodSent.get();
        assertTrue(sentWhileBlocked < n, "a blocked sender means no unbounded queue, sent " + sentWhileBlocked);
        c.reading = true;
        ws.request(1);
        for (int i = 0; i < n; i++) {
            byte[] m = (byte[]) c.next(WAIT);
            assertEquals(FLOOD_MESSAGE, m.length);
            assertEquals((byte) i, m[0], "message " + i + " in order");
        }
        assertEquals(n, floodSent.get());
    }

    @Test
    void shutdownReachesTheClientAsClose1001() throws Exception {
        start(Duration.ofSeconds(120)); // close() must not need the grace: the 45 s test timeout is shorter
        WsMessages c = new WsMessages();
        WebSocket ws = open("/echo", c);
        ws.sendText("hi", true);
        assertEquals("hi", c.next(WAIT));
        Thread closer = Thread.ofVirtual().start(server::close);
        assertEquals("1001 server shutting down", c.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        ws.sendClose(1001, ""); // the JDK client leaves the reply to the application
        closer.join();
        assertEquals(0, server.stats().openConnections());
        server = null;
    }
}
