package dev.wisp.server.hardening;

import dev.wisp.server.testkit.Wire;
import dev.wisp.server.testkit.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Await;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that vanish at the worst moment (a TCP reset mid-head, mid-body, mid-response) and a
 * handler that fails after its streamed response has started. Nothing may escape the connection:
 * no error logged as the server's or the handler's fault for what the client did, no connection
 * left open, and the next client served normally.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileClientsTest {
    private static final byte[] CHUNK = new byte[64 * 1024];

    private Server server;
    private LogCapture log;
    private final CountDownLatch handlerEntered = new CountDownLatch(1);
    private final CountDownLatch handlerDone = new CountDownLatch(1);
    private final AtomicReference<Throwable> handlerFailure = new AtomicReference<>();

    @TempDir
    static Path files;
    private static Path bigFile;

    @BeforeAll
    static void writeBigFile() throws IOException {
        bigFile = files.resolve("big.bin");
        try (var out = Files.newOutputStream(bigFile)) {
            for (int i = 0; i < 256; i++) { // 16 MiB: far more than the socket buffers hold
                out.write(CHUNK);
            }
        }
    }

    @BeforeEach
    void start() {
        log = LogCapture.server();
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT), request -> switch (request.path()) {
            case "/upload" -> {
                handlerEntered.countDown();
                try {
                    yield Response.text("got " + request.bytes().length);
                } catch (IOException | RuntimeException e) {
                    handlerFailure.set(e);
                    throw e;
                } finally {
                    handlerDone.countDown();
                }
            }
            case "/download" -> Response.stream("application/octet-stream", out -> {
                handlerEntered.countDown();
                try {
                    for (int i = 0; i < 4096; i++) { // 256 MiB at most
                        out.write(CHUNK);
                    }
                } catch (IOException | RuntimeException e) {
                    handlerFailure.set(e);
                    throw e;
                } finally {
                    handlerDone.countDown();
                }
            });
            case "/fails-mid-stream" -> Response.stream("text/plain", out -> {
                out.write(new byte[20_000]);
                out.flush(); // the head and a first chunk are on the wire
                throw new IllegalStateException("handler bug after the response started");
            });
            case "/fails-before-sending" -> Response.stream("text/plain", out -> {
                out.write(new byte[100]); // still buffered: nothing has been sent
                throw new IllegalStateException("handler bug before anything was sent");
            });
            case "/file" -> {
                handlerEntered.countDown();
                yield Response.file(bigFile, "application/octet-stream");
            }
            default -> Response.text("ok " + request.path());
        });
    }

    @AfterEach
    void stop() {
        server.close();
        log.close();
    }

    /** The aftermath every hostile client must leave: no connection, no error, a working server. */
    private void assertNothingEscaped() throws IOException {
        Await.until("connections closed", Duration.ofSeconds(5), () -> server.openConnections() == 0, server::openConnections);
        try (Wire fresh = Wire.connect(server.port())) {
            Wire.Reply r = fresh.get("/next");
            assertEquals(200, r.status());
            assertEquals("ok /next", r.text());
        }
        assertEquals(List.of(), log.errors(), "errors logged for a client's doing:" + LogCapture.describe(log.errors()));
        assertFalse(log.contains("server_bug"), "an exception escaped the connection:" + LogCapture.describe(log.problems()));
    }

    @Test
    void survivesResetInsideTheRequestHead() throws IOException {
        Wire wire = Wire.connect(server.port());
        wire.send("GET /partial HTTP/1.1\r\nHost: test\r\nX-Half: ab");
        Await.until("connection accepted", Duration.ofSeconds(5), () -> server.openConnections() == 1, server::openConnections);
        wire.reset();
        assertNothingEscaped();
    }

    @Test
    void survivesResetInsideTheRequestBody() throws Exception {
        Wire wire = Wire.connect(server.port());
        wire.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 1000000\r\n\r\n").send(new byte[10_000]);
        assertTrue(handlerEntered.await(5, TimeUnit.SECONDS), "handler reading the body");
        wire.reset();
        assertTrue(handlerDone.await(5, TimeUnit.SECONDS), "handler released by the reset");
        assertTrue(handlerFailure.get() instanceof IOException, "the body read failed: " + handlerFailure.get());
        assertNothingEscaped();
    }

    @Test
    void survivesResetInsideTheResponse() throws Exception {
        Wire wire = Wire.connect(server.port());
        wire.send("GET /download HTTP/1.1\r\nHost: test\r\n\r\n");
        assertTrue(handlerEntered.await(5, TimeUnit.SECONDS), "response started");
        Wire.Reply head = wire.readHeadOnly();
        assertEquals(200, head.status());
        wire.reset();
        assertTrue(handlerDone.await(5, TimeUnit.SECONDS), "writer released by the reset");
        assertTrue(handlerFailure.get() instanceof IOException, "the body write failed: " + handlerFailure.get());
        assertNothingEscaped();
    }

    @Test
    void survivesResetInsideAFileResponse() throws Exception {
        Wire wire = Wire.connect(server.port());
        wire.send("GET /file HTTP/1.1\r\nHost: test\r\n\r\n");
        assertTrue(handlerEntered.await(5, TimeUnit.SECONDS), "response started");
        assertEquals(200, wire.readHeadOnly().status());
        wire.reset();
        assertNothingEscaped();
    }

    @Test
    void closesTheConnectionWhenTheHandlerFailsAfterTheResponseStarted() throws IOException {
        try (Wire wire = Wire.connect(server.port())) {
            Wire.Reply r = wire.send("GET /fails-mid-stream HTTP/1.1\r\nHost: test\r\n\r\n").read();
            assertEquals(200, r.status(), "the status was already sent");
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertFalse(r.complete(), "a truncated body must not end with the last chunk");
            assertTrue(r.body().length >= 20_000, "what was flushed arrived: " + r.body().length);
            assertTrue(wire.closedByServer(), "the connection is closed: the truncation is the only signal left");
        }
        Await.until("connection closed", Duration.ofSeconds(5), () -> server.openConnections() == 0, server::openConnections);
        try (Wire fresh = Wire.connect(server.port())) {
            assertEquals("ok /next", fresh.get("/next").text());
        }
        // A handler bug is the server operator's business: logged once, with its exception.
        List<LogRecord> errors = log.errors();
        assertEquals(1, errors.size(), LogCapture.describe(errors));
        assertTrue(errors.get(0).getThrown() instanceof IllegalStateException, LogCapture.describe(errors));
    }

    @Test
    void answers500WhenTheHandlerFailsBeforeAnythingWasSent() throws IOException {
        try (Wire wire = Wire.connect(server.port())) {
            Wire.Reply r = wire.send("GET /fails-before-sending HTTP/1.1\r\nHost: test\r\n\r\n").read();
            assertEquals(500, r.status());
            assertEquals("Internal Server Error\n", r.text());
            assertTrue(r.closes() && wire.closedByServer(), "closed after the 500");
        }
        assertEquals(1, log.errors().size(), LogCapture.describe(log.errors()));
    }
}
