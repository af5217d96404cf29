package dev.wisp.web.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import dev.wisp.web.App;
import dev.wisp.web.testing.SseClient;
import dev.wisp.web.testing.SseEvents;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Event streams and the server's life: a graceful shutdown ends an endless stream properly (the
 * producer sees the sink closed, the client gets the last chunk) without waiting for the grace,
 * and a stream that is quiet for longer than the write timeout is not cut by it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SseShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(App app, Timeouts timeouts) {
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                .withTimeouts(timeouts), app);
    }

    @Test
    void shutdownClosesTheSinkAndEndsTheStreamWithItsLastChunk() throws Exception {
        AtomicBoolean openAfterLoop = new AtomicBoolean(true);
        CountDownLatch producerDone = new CountDownLatch(1);
        App app = App.create().sse("/endless", sink -> {
            int i = 0;
            // Mostly idle, as a real feed: it only learns of the shutdown through the sink.
            while (sink.send(Integer.toString(i++))) {
                sink.awaitClose(Duration.ofSeconds(5));
            }
            openAfterLoop.set(sink.isOpen());
            producerDone.countDown();
        });
        // A 60 s grace and a 30 s test timeout: close() only returns in time if the stream ended.
        start(app, Timeouts.defaults().withShutdownGrace(Duration.ofSeconds(60)));
        try (Socket socket = new Socket()) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            socket.getOutputStream().write("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            while (!got.toString(StandardCharsets.UTF_8).contains("data: 0\n\n")) {
                int b = in.read();
                assertTrue(b >= 0, "stream ended before the first event: " + got);
                got.write(b);
            }
            Thread closer = Thread.ofVirtual().start(server::close);
            got.writeBytes(in.readAllBytes()); // until the server closes the connection
            String response = got.toString(StandardCharsets.UTF_8);
            assertTrue(response.endsWith("\r\n0\r\n\r\n"), "ends with the last chunk: " + response);
            assertTrue(producerDone.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertFalse(openAfterLoop.get(), "the producer saw the sink closed");
            closer.join();
        }
        server = null;
    }

    @Test
    void aStreamQuietForLongerThanTheWriteTimeoutIsNotCut() throws Exception {
        // The write timeout times a blocked write, not the gap between events.
        App app = App.create().sse("/slow", sink -> {
            sink.send("first");
            sink.awaitClose(Duration.ofMillis(1500)); // five write timeouts without a byte (heartbeat 15 s)
            sink.send("second");
        });
        start(app, Timeouts.defaults().withWrite(Duration.ofMillis(300)));
        try (SseClient client = SseClient.connect(URI.create("http://127.0.0.1:" + server.port() + "/slow"))) {
            SseEvents events = client.events();
            assertEquals("first", events.next(WAIT).data());
            assertEquals("second", events.next(WAIT).data());
            assertTrue(events.awaitEnd(WAIT));
        }
    }
}
