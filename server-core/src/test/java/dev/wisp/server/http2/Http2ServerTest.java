package dev.wisp.server.http2;

import static dev.wisp.server.http2.Frame.DATA;
import static dev.wisp.server.http2.Frame.GOAWAY;
import static dev.wisp.server.http2.Frame.HEADERS;
import static dev.wisp.server.http2.Frame.PING;
import static dev.wisp.server.http2.Frame.RST_STREAM;
import static dev.wisp.server.http2.Frame.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Headers;
import dev.wisp.server.Limits;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.testkit.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/2 on the wire, frame by frame (h2c by prior knowledge): the SETTINGS exchange, PING,
 * frame sizes, stream ids, header block sequencing, PRIORITY, RST_STREAM, GOAWAY, WINDOW_UPDATE
 * rules, malformed requests, request bodies and the response shapes (RFC 9113).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2ServerTest {
    static Server server;

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withLimits(Limits.defaults().withMaxBodyBytes(100_000)), Http2ServerTest::handle);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Response handle(Request r) throws Exception {
        return switch (r.path()) {
            case "/hello" -> Response.text("hello");
            case "/info" -> Response.text(r.version() + " " + r.header("Host") + " " + r.scheme() + " " + r.method());
            case "/echo" -> Response.bytes(r.body().readAllBytes(), "application/octet-stream");
            case "/big" -> Response.bytes(pattern(Integer.parseInt(r.query())), "application/octet-stream");
            case "/stream" -> Response.stream("text/plain", out -> {
                out.write("first".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("second".getBytes(StandardCharsets.US_ASCII));
            });
            case "/flushed" -> Response.stream("text/plain", out -> {
                out.write('x');
                out.flush(); // nothing left at the end: the stream ends with an empty DATA frame
            });
            case "/nocontent" -> Response.status(204);
            case "/ws" -> Response.webSocket(session -> session.close(1000, "bye"));
            case "/shutdown-signal" -> Response.text(String.valueOf(r.attribute(dev.wisp.server.ShutdownSignal.KEY) != null));
            case "/owned" -> Response.text("x").withHeaders(Headers.of("Connection", "close", "Transfer-Encoding", "chunked",
                    "Keep-Alive", "5", "X-Kept", "yes"));
            case "/fail" -> throw new IllegalStateException("boom");
            default -> Response.status(404);
        };
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    static H2Wire open() throws IOException {
        H2Wire w = H2Wire.connect(server.port());
        w.handshake();
        return w;
    }

    @Test
    void exchangesSettingsAndServesRequest() throws IOException {
        try (H2Wire w = H2Wire.connect(server.port())) {
            H2Wire.Frame settings = w.handshake();
            assertEquals(0, settings.stream());
            ByteBuffer p = ByteBuffer.wrap(settings.payload());
            boolean concurrency = false;
            while (p.hasRemaining()) {
                int id = p.getShort();
                int value = p.getInt();
                concurrency |= id == Settings.MAX_CONCURRENT_STREAMS && value == 100;
            }
            assertTrue(concurrency, "SETTINGS_MAX_CONCURRENT_STREAMS 100 advertised");
            assertTrue(w.expect(SETTINGS, 0).ack(), "our SETTINGS acknowledged (§6.5.3)");
            w.request(1, true, "GET", "/info");
            H2Wire.Response r = w.response(1);
            assertEquals(200, r.status());
            assertEquals("HTTP/2 localhost http GET", r.text());
            assertTrue(r.headers().field("date") != null, "date added");
            assertEquals("text/plain; charset=utf-8", r.headers().field("content-type"));
        }
    }

    @Test
    void answersPingWithSameData() throws IOException {
        try (H2Wire w = open()) {
            w.frame(b -> FrameWriter.ping(b, false, 0x0102030405060708L));
            H2Wire.Frame ack = w.expect(PING, 0);
            assertTrue(ack.ack());
            assertEquals(0x0102030405060708L, ByteBuffer.wrap(ack.payload()).getLong());
        }
    }

    @Test
    void aWebSocketAnswerOverHttp2IsA400NotA101() throws IOException {
        // RFC 8441's extended CONNECT is not offered: a WebSocket must be opened over HTTP/1.1.
        try (H2Wire w = open()) {
            w.request(1, true, "GET", "/ws");
            assertEquals(400, w.response(1).status());
        }
    }

    @Test
    void requestsCarryTheServersShutdownSignalAsOnHttp1() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, true, "GET", "/shutdown-signal");
            assertEquals("true", w.response(1).text());
        }
    }

    @Test
    void ignoresPriorityAndUnknownFrames() throws IOException {
        try (H2Wire w = open()) {
            w.frame(Frame.PRIORITY, 0, 3, new byte[] {0, 0, 0, 0, 16});
            w.frame(0x42, 0, 0, new byte[] {1, 2, 3});
            w.request(1, true, "GET", "/hello");
            assertEquals("hello", w.response(1).text());
        }
    }

    @Test
    void frameLargerThanMaxFrameSizeIsFrameSizeError() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, false, "POST", "/echo");
            w.data(1, new byte[16_385], false); // §4.2
            assertEquals(ErrorCode.FRAME_SIZE_ERROR, w.goAway());
        }
    }

    @Test
    void evenStreamIdIsProtocolError() throws IOException {
        try (H2Wire w = open()) {
            w.request(2, true, "GET", "/hello"); // §5.1.1
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.goAway());
        }
    }

    @Test
    void decreasingStreamIdIsProtocolError() throws IOException {
        try (H2Wire w = open()) {
            w.request(5, true, "GET", "/hello");
            w.response(5);
            w.request(3, true, "GET", "/hello"); // §5.1.1
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.goAway());
        }
    }

    @Test
    void headerBlockInterruptedIsProtocolError() throws IOException {
        try (H2Wire w = open()) {
            byte[] block = w.block(":method", "GET", ":scheme", "http", ":path", "/hello", ":authority", "a");
            w.frame(HEADERS, Frame.FLAG_END_STREAM, 1, java.util.Arrays.copyOf(block, 3));
            w.frame(b -> FrameWriter.ping(b, false, 1)); // §6.10: only CONTINUATION may follow
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.goAway());
        }
    }

    @Test
    void servesHeaderBlockSplitIntoContinuations() throws IOException {
        try (H2Wire w = open()) {
            byte[] block = w.block(":method", "GET", ":scheme", "http", ":path", "/hello", ":authority", "a");
            w.frame(HEADERS, Frame.FLAG_END_STREAM, 1, java.util.Arrays.copyOfRange(block, 0, 2));
            w.frame(Frame.CONTINUATION, 0, 1, java.util.Arrays.copyOfRange(block, 2, 5));
            w.frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1, java.util.Arrays.copyOfRange(block, 5, block.length));
            assertEquals("hello", w.response(1).text());
        }
    }

    @Test
    void dataOnIdleStreamIsProtocolError() throws IOException {
        try (H2Wire w = open()) {
            w.data(7, new byte[1], true); // §5.1
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.goAway());
        }
    }

    @Test
    void dataOnClosedStreamIsStreamClosed() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, true, "GET", "/hello");
            w.response(1);
            w.data(1, new byte[1], true); // §5.1: half-closed (remote) and then closed
            assertEquals(ErrorCode.STREAM_CLOSED, w.expect(RST_STREAM, 1).error());
            w.request(3, true, "GET", "/hello");
            assertEquals("hello", w.response(3).text());
        }
    }

    @Test
    void zeroWindowIncrementOnStreamResetsIt() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, false, "POST", "/echo");
            w.windowUpdate(1, 0); // §6.9
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.expect(RST_STREAM, 1).error());
            w.request(3, true, "GET", "/hello");
            assertEquals("hello", w.response(3).text());
        }
    }

    @Test
    void framesInFlightOnAStreamWeResetAreIgnored() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, false, "POST", "/echo", "content-length", "1");
            w.data(1, "ab".getBytes(StandardCharsets.US_ASCII), false); // over its content-length: reset
            w.data(1, "c".getBytes(StandardCharsets.US_ASCII), true); // already sent when the reset came (§5.1)
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.expect(RST_STREAM, 1).error());
            w.request(3, true, "GET", "/hello");
            H2Wire.Frame next = w.next();
            while (next.type() != HEADERS) {
                assertTrue(next.type() != RST_STREAM, "no second reset: " + next);
                next = w.next();
            }
            assertEquals(3, next.stream());
        }
    }

    @Test
    void zeroWindowIncrementOnConnectionIsProtocolError() throws IOException {
        try (H2Wire w = open()) {
            w.windowUpdate(0, 0);
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.goAway());
        }
    }

    @Test
    void windowPastLimitIsFlowControlError() throws IOException {
        try (H2Wire w = open()) {
            w.windowUpdate(0, Integer.MAX_VALUE); // 65535 + 2^31-1 > 2^31-1 (§6.9.1)
            assertEquals(ErrorCode.FLOW_CONTROL_ERROR, w.goAway());
        }
    }

    @Test
    void invalidSettingIsConnectionError() throws IOException {
        try (H2Wire w = open()) {
            w.settings(Settings.ENABLE_PUSH, 2); // §6.5.2
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.goAway());
        }
    }

    @Test
    void clientResetEndsOnlyThatStream() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, false, "POST", "/echo");
            w.rst(1, ErrorCode.CANCEL);
            w.request(3, true, "GET", "/hello");
            assertEquals("hello", w.response(3).text());
        }
    }

    @Test
    void malformedRequestsAreResetAndConnectionGoesOn() throws IOException {
        try (H2Wire w = open()) {
            byte[] upper = H2Wire.literal(w.block(":method", "GET", ":scheme", "http", ":path", "/hello"), "X-Upper", "v");
            w.frame(b -> FrameWriter.headers(b, 1, upper, 0, upper.length, true, 16384)); // §8.2.1
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.expect(RST_STREAM, 1).error());
            w.headers(3, true, ":method", "GET", ":path", "/hello"); // no :scheme (§8.3.1)
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.expect(RST_STREAM, 3).error());
            w.request(5, true, "GET", "/hello", "connection", "keep-alive"); // §8.2.2
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.expect(RST_STREAM, 5).error());
            w.request(7, true, "GET", "/hello");
            assertEquals("hello", w.response(7).text());
        }
    }

    @Test
    void contentLengthDisagreeingWithDataIsMalformed() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, false, "POST", "/echo", "content-length", "3");
            w.data(1, "abcd".getBytes(StandardCharsets.US_ASCII), true); // §8.1.1
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.response(1).reset());
            w.request(3, false, "POST", "/echo", "content-length", "5");
            w.data(3, "abc".getBytes(StandardCharsets.US_ASCII), true);
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.response(3).reset());
        }
    }

    @Test
    void echoesBodyWithTrailers() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, false, "POST", "/echo", "content-length", "6");
            w.data(1, "abc".getBytes(StandardCharsets.US_ASCII), false);
            w.data(1, "def".getBytes(StandardCharsets.US_ASCII), false);
            w.headers(1, true, "x-checksum", "1"); // trailers end the stream (§8.1)
            H2Wire.Response r = w.response(1);
            assertEquals(200, r.status());
            assertEquals("abcdef", r.text());
            assertEquals("6", r.headers().field("content-length"));
        }
    }

    @Test
    void bodyOverLimitByContentLengthIs413BeforeReading() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, false, "POST", "/echo", "content-length", "200000");
            H2Wire.Response r = w.response(1);
            assertEquals(413, r.status());
            assertNull(r.headers().field("connection"));
            // The response came before the body: the server stops the upload (§8.1).
            assertEquals(ErrorCode.NO_ERROR, w.expect(RST_STREAM, 1).error());
        }
    }

    @Test
    void bodyOverLimitWithoutContentLengthIs413() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, false, "POST", "/echo");
            long credit = 65_535;
            boolean firstUpdate = true;
            for (int sent = 0; sent < 112_000; ) { // 112 000 in all > 100 000, each frame within the stream window
                if (credit < 16_000) {
                    int increment = w.expect(Frame.WINDOW_UPDATE, 1).int32(0);
                    // Credit comes back as the handler reads, in batches of half a window, not per frame.
                    assertTrue(increment >= 32_768, "batched WINDOW_UPDATE, got " + increment);
                    credit += increment;
                    firstUpdate = false;
                    continue;
                }
                w.data(1, new byte[16_000], false);
                credit -= 16_000;
                sent += 16_000;
            }
            assertTrue(!firstUpdate);
            assertEquals(413, w.response(1).status());
        }
    }

    @Test
    void headAnd204HaveNoData() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, true, "HEAD", "/hello");
            H2Wire.Frame head = w.expect(HEADERS, 1);
            assertTrue(head.endStream(), "HEAD: END_STREAM on HEADERS");
            assertEquals("5", head.field("content-length"));
            w.request(3, true, "GET", "/nocontent");
            H2Wire.Frame noContent = w.expect(HEADERS, 3);
            assertTrue(noContent.endStream());
            assertNull(noContent.field("content-length"));
        }
    }

    @Test
    void dropsConnectionSpecificResponseFields() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, true, "GET", "/owned");
            H2Wire.Response r = w.response(1);
            assertEquals("yes", r.headers().field("x-kept"));
            assertNull(r.headers().field("connection"));
            assertNull(r.headers().field("transfer-encoding"));
            assertNull(r.headers().field("keep-alive"));
        }
    }

    @Test
    void streamedResponseSendsDataAsFlushed() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, true, "GET", "/stream");
            H2Wire.Frame head = w.expect(HEADERS, 1);
            assertNull(head.field("content-length"));
            H2Wire.Frame first = w.expect(DATA, 1);
            assertEquals("first", new String(first.payload(), StandardCharsets.US_ASCII));
            assertEquals("second", new String(w.expect(DATA, 1).payload(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void streamedResponseEndsWithEmptyDataAfterFlush() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, true, "GET", "/flushed");
            H2Wire.Frame x = w.expect(DATA, 1);
            assertEquals(1, x.payload().length);
            H2Wire.Frame end = w.expect(DATA, 1);
            assertEquals(0, end.payload().length);
            assertTrue(end.endStream());
        }
    }

    @Test
    void handlerFailureIs500OnThatStream() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, true, "GET", "/fail");
            H2Wire.Response r = w.response(1);
            assertEquals(500, r.status());
            assertEquals("Internal Server Error\n", r.text());
        }
    }

    @Test
    void honoursSmallClientWindowsAndSettingsChanges() throws IOException {
        try (H2Wire w = H2Wire.connect(server.port())) {
            w.handshake(Settings.INITIAL_WINDOW_SIZE, 100);
            w.autoWindow = false;
            w.request(1, true, "GET", "/big?1000");
            w.expect(HEADERS, 1);
            H2Wire.Frame d = w.expect(DATA, 1);
            assertEquals(100, d.payload().length, "stream window of 100 octets");
            w.settings(Settings.INITIAL_WINDOW_SIZE, 400); // +300 on the open stream (§6.9.2)
            int got = 100;
            while (got < 400) {
                H2Wire.Frame f = w.next();
                if (f.type() == DATA) {
                    got += f.payload().length;
                }
            }
            assertEquals(400, got);
            w.windowUpdate(1, 600);
            H2Wire.Response rest = w.response(1);
            assertEquals(600, rest.body().length);
        }
    }

    @Test
    void sixteenMegabyteDownloadThroughSmallWindows() throws IOException {
        try (H2Wire w = H2Wire.connect(server.port())) {
            w.handshake(Settings.INITIAL_WINDOW_SIZE, 4096);
            int n = 16 << 20;
            w.request(1, true, "GET", "/big?" + n);
            H2Wire.Response r = w.response(1);
            assertEquals(200, r.status());
            assertArrayEquals(pattern(n), r.body());
        }
    }

    @Test
    void clientGoAwayLetsStreamsFinish() throws IOException {
        try (H2Wire w = open()) {
            w.request(1, true, "GET", "/hello");
            w.frame(b -> FrameWriter.goAway(b, 0, ErrorCode.NO_ERROR, ""));
            assertEquals("hello", w.response(1).text());
            assertTrue(w.closedByServer());
        }
    }

    @Test
    void prefaceIsHttp1ErrorWhenHttp2IsOff() throws IOException {
        try (Server off = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withHttp2(false),
                r -> Response.text("x"));
             Wire wire = Wire.connect(off.port())) {
            Wire.Reply reply = wire.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").read();
            assertEquals("HTTP/1.1 505 HTTP Version Not Supported", reply.statusLine(), "an HTTP/1.1 error, as without HTTP/2");
        }
    }

    @Test
    void upgradeH2cIsServedAsHttp1() throws IOException {
        try (Wire wire = Wire.connect(server.port())) {
            wire.send("GET /info HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n");
            Wire.Reply reply = wire.read();
            assertEquals(200, reply.status());
            assertEquals("HTTP/1.1 a http GET", reply.text());
        }
    }
}
