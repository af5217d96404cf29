package dev.wisp.web.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.web.App;
import dev.wisp.web.testing.SseClient;
import dev.wisp.web.testing.SseEvents;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Event streams behind the real server, over loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SseOverSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SseConfig FAST_HEARTBEAT = SseConfig.defaults().withHeartbeat(Duration.ofMillis(50));
    static Server server;
    static volatile CountDownLatch producerStopped;
    static volatile CountDownLatch closeCallback;

    @BeforeAll
    static void start() {
        App app = App.create()
                .get("/ticks", req -> Sse.stream(req, sink -> {
                    int from = sink.lastEventId() == null ? 1 : Integer.parseInt(sink.lastEventId()) + 1;
                    for (int i = from; i < from + 3; i++) {
                        sink.send(SseEvent.of("tick", "n\n" + i).withId(Integer.toString(i)));
                    }
                }))
                .get("/quiet", req -> Sse.stream(req, FAST_HEARTBEAT, sink -> {
                    sink.send("hello");
                    sink.awaitClose(WAIT);
                }))
                .get("/endless", req -> Sse.stream(req, FAST_HEARTBEAT, sink -> {
                    sink.onClose(closeCallback::countDown);
                    try {
                        // A producer that is mostly idle: only the heartbeat can notice the client left.
                        int i = 0;
                        while (sink.send(Integer.toString(i++))) {
                            sink.awaitClose(Duration.ofSeconds(1));
                        }
                    } finally {
                        producerStopped.countDown();
                    }
                }));
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0), app);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void streamsEventsWithTheRightHeaders() throws Exception {
        try (SseClient client = SseClient.connect(uri("/ticks"))) {
            assertEquals(200, client.status());
            assertEquals("text/event-stream; charset=utf-8", client.header("Content-Type"));
            assertEquals("no-cache", client.header("Cache-Control"));
            assertEquals("no", client.header("X-Accel-Buffering"));
            assertEquals("chunked", client.header("Transfer-Encoding"));
            SseEvents events = client.events();
            for (int i = 1; i <= 3; i++) {
                assertEquals(new SseEvent(Integer.toString(i), "tick", "n\n" + i, null), events.next(WAIT));
            }
            assertTrue(events.awaitEnd(WAIT), "the last chunk ends the stream");
        }
    }

    @Test
    void resumesAfterLastEventId() throws Exception {
        try (SseClient client = SseClient.connect(uri("/ticks"), "Last-Event-ID", "10")) {
            assertEquals("11", client.events().next(WAIT).id());
        }
    }

    @Test
    void heartbeatReachesTheClient() throws Exception {
        try (SseClient client = SseClient.connect(uri("/quiet"))) {
            assertEquals("hello", client.events().next(WAIT).data());
            assertEquals("heartbeat", client.events().nextComment(WAIT));
        }
    }

    @Test
    void theFirstBytesArriveBeforeAnyEvent() throws Exception {
        // The head is flushed when the stream opens, not held back until the first event.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /quiet HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(15);
            assertEquals("HTTP/1.1 200 OK", new String(head, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void producerStopsAfterTheClientCloses() throws Exception {
        producerStopped = new CountDownLatch(1);
        closeCallback = new CountDownLatch(1);
        SseClient client = SseClient.connect(uri("/endless"));
        assertEquals("0", client.events().next(WAIT).data());
        client.close();
        assertTrue(producerStopped.await(10, TimeUnit.SECONDS), "the producer noticed the client went");
        assertTrue(closeCallback.await(10, TimeUnit.SECONDS), "the close callback ran");
    }
}
