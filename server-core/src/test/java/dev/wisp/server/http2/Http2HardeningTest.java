package dev.wisp.server.http2;

import static dev.wisp.server.http2.Frame.CONTINUATION;
import static dev.wisp.server.http2.Frame.DATA;
import static dev.wisp.server.http2.Frame.HEADERS;
import static dev.wisp.server.http2.Frame.PING;
import static dev.wisp.server.http2.Frame.PRIORITY;
import static dev.wisp.server.http2.Frame.RST_STREAM;
import static dev.wisp.server.http2.Frame.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Http2Limits;
import dev.wisp.server.Limits;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every HTTP/2 defence with its attack, against a server with small budgets so each attack is
 * cheap to mount; after each one another connection is still served.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2HardeningTest {
    /** The budgets under test, with the default timeouts: a loaded machine can't trip them. */
    static Server server;
    /** The same budgets with short timeouts, only for the tests of those timeouts. */
    static Server timed;
    static volatile CountDownLatch release = new CountDownLatch(0);

    @BeforeAll
    static void start() {
        Http2Limits h2 = Http2Limits.defaults().withMaxConcurrentStreams(2).withMaxHeaderListBytes(4096)
                .withMaxContinuationFrames(4).withMaxHeaderBlockBytes(8192).withResetBudget(20).withControlFrameBudget(50);
        ServerConfig config = ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withLimits(Limits.defaults().withHttp2(h2));
        server = Server.start(config, Http2HardeningTest::handle);
        timed = Server.start(config.withTimeouts(Timeouts.defaults().withHead(Duration.ofMillis(700))
                .withIdle(Duration.ofMillis(1500)).withWrite(Duration.ofMillis(700))), Http2HardeningTest::handle);
    }

    @AfterAll
    static void stop() {
        server.close();
        timed.close();
    }

    @AfterEach
    void anotherConnectionIsServed() throws IOException {
        release.countDown();
        try (H2Wire w = H2Wire.connect(server.port())) {
            w.handshake();
            w.request(1, true, "GET", "/hello");
            assertEquals("hello", w.response(1).text());
        }
    }

    static Response handle(Request r) throws Exception {
        return switch (r.path()) {
            case "/block" -> {
                release.await(10, TimeUnit.SECONDS);
                yield Response.text("released");
            }
            case "/echo" -> Response.bytes(r.body().readAllBytes());
            case "/nocontent" -> Response.status(204);
            case "/big" -> Response.bytes(new byte[1000]);
            default -> Response.text("hello");
        };
    }

    static H2Wire openTimed() throws IOException {
        H2Wire w = H2Wire.connect(timed.port());
        w.handshake();
        return w;
    }

    static H2Wire open() throws IOException {
        H2Wire w = H2Wire.connect(server.port());
        w.handshake();
        return w;
    }

    @Test
    void refusesStreamsBeyondMaxConcurrentStreams() throws IOException {
        release = new CountDownLatch(1);
        try (H2Wire w = open()) {
            w.request(1, true, "GET", "/block");
            w.request(3, true, "GET", "/block");
            w.request(5, true, "GET", "/block"); // a third, with 2 allowed (§5.1.2)
            assertEquals(ErrorCode.REFUSED_STREAM, w.expect(RST_STREAM, 5).error());
            release.countDown();
            assertEquals("released", w.response(1).text());
            assertEquals("released", w.response(3).text());
            w.request(7, true, "GET", "/hello");
            assertEquals("hello", w.response(7).text());
        }
    }

    @Test
    void hpackBombIsRefusedWith431() throws IOException {
        try (H2Wire w = open()) {
            // One 4000-octet field added to the table, then referenced by one-octet indexes: a few
            // kilobytes that would decode into 40 (CVE-2016-6581).
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.writeBytes(w.block(":method", "GET", ":scheme", "http", ":path", "/hello", ":authority", "a"));
            block.write(0x40); // literal with incremental indexing, new name
            block.write(3);
            block.writeBytes("x-a".getBytes());
            block.write(0x7f); // length 4000: 127 + 3873 (7-bit prefix integer)
            int rest = 4000 - 127;
            block.write(0x80 | (rest & 0x7f));
            block.write(rest >>> 7);
            block.writeBytes("a".repeat(4000).getBytes());
            for (int i = 0; i < 10; i++) {
                block.write(0x80 | 62); // the newest dynamic entry
            }
            byte[] b = block.toByteArray();
            w.frame(x -> FrameWriter.headers(x, 1, b, 0, b.length, true, 16384));
            assertEquals(431, w.response(1).status());
            // HPACK state still in step: the next block names the table's x-a entry (index 62) with a short value.
            byte[] next = {(byte) 0x82, (byte) 0x86, (byte) 0x84, 0x01, 1, 'a', 0x0f, 62 - 15, 1, 'b'};
            w.frame(x -> FrameWriter.headers(x, 3, next, 0, next.length, true, 16384));
            assertEquals(200, w.response(3).status());
        }
    }

    @Test
    void continuationFloodIsEnhanceYourCalm() throws IOException {
        try (H2Wire w = open()) {
            w.frame(HEADERS, 0, 1, w.block(":method", "GET"));
            w.frames(5, CONTINUATION, 0, 1, new byte[] {(byte) 0x84}); // CVE-2024-27316: 4 allowed
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, w.goAway());
        }
    }

    @Test
    void oversizedHeaderBlockIsEnhanceYourCalm() throws IOException {
        try (H2Wire w = open()) {
            w.frame(HEADERS, 0, 1, new byte[8000]);
            w.frame(CONTINUATION, 0, 1, new byte[1000]); // 9000 > 8192 compressed octets
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, w.goAway());
        }
    }

    @Test
    void rapidResetIsEnhanceYourCalm() throws IOException {
        try (H2Wire w = open()) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int id = 1; id < 80; id += 2) { // CVE-2023-44487: open, reset, repeat
                byte[] block = w.block(":method", "POST", ":scheme", "http", ":path", "/echo", ":authority", "a");
                ByteBuffer b = ByteBuffer.allocate(9 + block.length + 13);
                FrameWriter.headers(b, id, block, 0, block.length, false, 16384);
                FrameWriter.rstStream(b, id, ErrorCode.CANCEL);
                all.write(b.array(), 0, b.position());
            }
            w.raw(all.toByteArray());
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, w.goAway());
        }
    }

    @Test
    void pingFloodIsEnhanceYourCalm() throws IOException {
        try (H2Wire w = open()) {
            w.frames(100, PING, 0, 0, new byte[8]); // CVE-2019-9512
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, w.goAway());
        }
    }

    @Test
    void settingsFloodIsEnhanceYourCalm() throws IOException {
        try (H2Wire w = open()) {
            w.frames(100, SETTINGS, 0, 0, new byte[0]); // CVE-2019-9515
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, w.goAway());
        }
    }

    @Test
    void priorityFloodIsEnhanceYourCalm() throws IOException {
        try (H2Wire w = open()) {
            w.frames(100, PRIORITY, 0, 1, new byte[] {0, 0, 0, 3, 1}); // CVE-2019-9513
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, w.goAway());
        }
    }

    @Test
    void emptyDataFloodIsEnhanceYourCalm() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, false, "POST", "/echo");
            w.frames(100, DATA, 0, 1, new byte[0]); // CVE-2019-9518
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, w.goAway());
        }
    }

    @Test
    void zeroLengthHeadersFloodIsEnhanceYourCalm() throws IOException {
        try (H2Wire w = open()) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int id = 1; id < 120; id += 2) { // CVE-2019-9516: empty header blocks, each a malformed request
                ByteBuffer b = ByteBuffer.allocate(9);
                FrameWriter.header(b, 0, HEADERS, Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, id);
                all.write(b.array(), 0, 9);
            }
            w.raw(all.toByteArray());
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, w.goAway());
        }
    }

    @Test
    void streamWaitingForAWindowNeverOpenedIsCancelled() throws IOException {
        try (H2Wire w = H2Wire.connect(timed.port())) {
            w.handshake(Settings.INITIAL_WINDOW_SIZE, 0);
            w.request(1, true, "GET", "/big");
            w.expect(HEADERS, 1);
            // The write timeout passes with no credit: the stream, not the connection, ends.
            assertEquals(ErrorCode.CANCEL, w.expect(RST_STREAM, 1).error());
            w.request(3, true, "GET", "/nocontent");
            assertEquals(204, w.response(3).status());
        }
    }

    @Test
    void idleConnectionIsClosedWithGoAway() throws IOException {
        try (H2Wire w = openTimed()) {
            w.request(1, true, "GET", "/hello");
            w.response(1);
            assertEquals(ErrorCode.NO_ERROR, w.goAway());
            assertTrue(w.closedByServer());
        }
    }

    @Test
    void slowPrefaceIsClosed() throws IOException {
        try (H2Wire w = H2Wire.connect(timed.port())) {
            w.raw("PRI * HTTP/2.0\r\n".getBytes());
            assertTrue(w.closedByServer(), "closed at the head timeout");
        }
    }

    @Test
    void slowHeaderBlockIsClosed() throws IOException {
        try (H2Wire w = openTimed()) {
            w.frame(HEADERS, 0, 1, w.block(":method", "GET")); // no END_HEADERS, and then nothing
            assertTrue(w.closedByServer(), "closed at the head timeout");
        }
    }

    @Test
    void settingsAckIsNotPing() throws IOException {
        // A SETTINGS ACK of ours is not answered, a bare frame budget is per second: well-behaved clients never meet it.
        try (H2Wire w = open()) {
            for (int i = 0; i < 10; i++) {
                w.frame(b -> FrameWriter.ping(b, false, 7));
                assertTrue(w.expect(PING, 0).ack());
            }
        }
    }
}
