package dev.wisp.server;

import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A streamed response commits its head lazily, at the first body bytes or an explicit flush
 * (see {@link BodyWriter}): a writer that fails before that gets an honest status; one that fails
 * after it gets a cut-off body and a closed connection, never a message that looks complete.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LazyCommitTest {
    static Server server;
    static volatile CountDownLatch firstChunkRead = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withLimits(Limits.defaults().withMaxBodyBytes(64)), LazyCommitTest::handle);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Response handle(Request r) {
        return switch (r.path()) {
            // A streaming echo: it reads the request body while writing the response.
            case "/echo" -> Response.stream("application/octet-stream", out -> r.body().transferTo(out));
            // Tells the test when it has read the first chunk, so the next read blocks for more.
            case "/echo-signal" -> Response.stream("application/octet-stream", out -> {
                byte[] first = r.body().readNBytes(3);
                firstChunkRead.countDown();
                out.write(first);
                r.body().transferTo(out);
            });
            case "/fail-before-output" -> Response.stream("text/plain", out -> {
                throw new IllegalStateException("nothing written yet");
            });
            case "/fail-after-flush" -> Response.stream("text/plain", out -> {
                out.write("partial".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                throw new IllegalStateException("failed mid-body");
            });
            default -> Response.status(404);
        };
    }

    @Test
    void aStreamingEchoOfAMalformedChunkedBodyAnswers400NotA200() throws IOException {
        // RFC 9112 §7.1: "zz" is not a chunk size.
        String reply = exchange("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\nzz\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 400 "), reply);
        assertTrue(reply.contains("Connection: close\r\n"), reply);
    }

    @Test
    void theHeadIsNotSentWhileTheHandlerWaitsForMoreBody() throws Exception {
        firstChunkRead = new CountDownLatch(1);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /echo-signal HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(firstChunkRead.await(10, TimeUnit.SECONDS));
            // The handler now blocks reading more: an eager server would have sent "200" by now.
            s.getOutputStream().write("zz\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 400 "), reply);
        }
    }

    @Test
    void aStreamingEchoOfAnOversizedChunkedBodyAnswers413() throws IOException {
        String chunk = "x".repeat(50);
        String reply = exchange("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "32\r\n" + chunk + "\r\n32\r\n" + chunk + "\r\n0\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 413 "), reply);
    }

    @Test
    void aWriterFailingBeforeAnyOutputAnswers500() throws IOException {
        String reply = exchange("GET /fail-before-output HTTP/1.1\r\nHost: t\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 500 "), reply);
        assertEquals(1, count(reply, "HTTP/1.1 "), reply);
    }

    @Test
    void aWriterFailingAfterAFlushLeavesTheBodyUnterminatedAndCloses() throws IOException {
        String reply = exchange("GET /fail-after-flush HTTP/1.1\r\nHost: t\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 200 "), reply);
        assertTrue(reply.contains("7\r\npartial\r\n"), reply);
        // No last chunk: the client can tell the body was cut (RFC 9112 §7.1).
        assertTrue(!reply.endsWith("0\r\n\r\n"), reply);
        assertEquals(1, count(reply, "HTTP/1.1 "), reply);
    }

    @Test
    void aWellFormedStreamingEchoStillWorks() throws IOException {
        String reply = exchange("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 200 "), reply);
        assertTrue(reply.endsWith("3\r\nabc\r\n0\r\n\r\n"), reply);
    }

    /** Sends the request and reads until the server closes the connection. */
    private static String exchange(String request) throws IOException {
        try (Wire wire = Wire.connect(server.port())) {
            wire.socket.setSoTimeout(10_000);
            return wire.send(request).readToEnd();
        }
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
