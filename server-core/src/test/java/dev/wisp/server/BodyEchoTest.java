package dev.wisp.server;

import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request body echoed into a streamed response with {@code body().transferTo(out)} (the
 * benchmark's {@code /echo}): byte for byte across many 64 KiB steps, within the body's
 * Content-Length (RFC 9112 §6.2) and the server's limit, and a body cut short is the client's
 * error (400), not the handler's (500). Issue 15 tried a direct-buffer path for exactly this
 * transfer; these tests are the net any such path must pass.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BodyEchoTest {
    private static final int LIMIT = 2 << 20;
    static Server server;

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                .withLimits(Limits.defaults().withMaxBodyBytes(LIMIT)),
                r -> r.path().equals("/echo")
                        ? Response.stream("application/octet-stream", out -> r.body().transferTo(out))
                        : Response.text("hello"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        var all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    private static byte[] head(String version, int length) {
        return ("POST /echo " + version + "\r\nHost: t\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void echoesALargeBodyByteForByte() throws IOException {
        byte[] body = randomBytes((1 << 20) + 1234); // not a multiple of the 64 KiB step
        try (Wire c = Wire.connect(server.port())) {
            Wire.Reply r = c.send(concat(head("HTTP/1.1", body.length), body)).read();
            assertEquals(200, r.status());
            assertTrue(r.chunked());
            assertArrayEquals(body, r.body());
        }
    }

    @Test
    void echoesABodyWhoseStartArrivedWithTheHead() throws IOException {
        byte[] body = randomBytes(200_000);
        try (Wire c = Wire.connect(server.port())) {
            c.send(concat(head("HTTP/1.1", body.length), java.util.Arrays.copyOf(body, 100)));
            c.send(java.util.Arrays.copyOfRange(body, 100, body.length));
            assertArrayEquals(body, c.read().body());
        }
    }

    @Test
    void echoesAnHttp10BodyUntilTheServerCloses() throws IOException {
        byte[] body = randomBytes(300_000);
        try (Wire c = Wire.connect(server.port())) {
            c.send(concat(head("HTTP/1.0", body.length), body));
            Wire.Reply r = c.readAny();
            assertEquals(200, r.status());
            assertArrayEquals(body, r.body());
        }
    }

    @Test
    void aBodyCutShortIsA400NotA500() throws IOException {
        try (Wire c = Wire.connect(server.port())) {
            c.send(concat(head("HTTP/1.1", 100_000), randomBytes(10)));
            c.socket.shutdownOutput();
            Wire.Reply r = c.readAny();
            assertEquals(400, r.status()); // RFC 9112 §8: an incomplete message
        }
    }

    @Test
    void aBodyOverTheLimitIs413() throws IOException {
        try (Wire c = Wire.connect(server.port())) {
            Wire.Reply r = c.send(concat(head("HTTP/1.1", LIMIT + 1), randomBytes(10))).readAny();
            assertEquals(413, r.status());
        }
    }
}
