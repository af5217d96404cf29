package dev.wisp.server;

import dev.wisp.server.testkit.TestTransport;
import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Protocol behaviour over a real socket: exact status lines, headers and framing (RFC 9110,
 * RFC 9112) — the same bytes over a plain connection and through TLS.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
@ParameterizedClass
@EnumSource(TestTransport.class)
class ProtocolTest {
    @TempDir
    static Path dir;
    static Path file;
    static Server server;
    static TestTransport transport;
    @Parameter
    TestTransport parameter; // the invocation's transport; the static copy serves the static helpers

    @BeforeParameterizedClassInvocation
    static void start(TestTransport t) throws IOException {
        transport = t;
        file = Files.writeString(dir.resolve("data.txt"), "file contents\n");
        server = Server.start(t.apply(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                .withLimits(Limits.defaults().withMaxBodyBytes(1 << 20).withMaxDrainBytes(1024))), ProtocolTest::handle);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static Response handle(Request r) throws Exception {
        return switch (r.path()) {
            case "/hello" -> Response.text("Hello, World!");
            case "/echo" -> Response.bytes(r.bytes(), "application/octet-stream");
            case "/ignore-body" -> Response.text("ignored");
            case "/info" -> Response.text(r.method() + " " + r.target() + " " + r.rawPath() + " " + r.path() + " "
                    + r.query() + " " + r.version() + " " + r.remoteAddress().getAddress().getHostAddress());
            case "/stream" -> Response.stream("text/plain", out -> {
                out.write("part1,".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("part2".getBytes(StandardCharsets.US_ASCII));
            });
            case "/boom" -> throw new IllegalStateException("secret detail");
            case "/boom-after-start" -> Response.stream("text/plain", out -> {
                out.write("partial".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                throw new IllegalStateException("failed mid-body");
            });
            case "/no-content" -> Response.text("must not be sent").withStatus(204);
            case "/not-modified" -> Response.text("must not be sent").withStatus(304);
            case "/hop" -> Response.text("hop").withHeader("Connection", "keep-alive, Upgrade")
                    .withHeader("Transfer-Encoding", "gzip").withHeader("Content-Length", "999")
                    .withHeader("Keep-Alive", "timeout=5").withHeader("Upgrade", "h2c").withHeader("X-Kept", "yes");
            case "/close" -> Response.text("bye").withHeader("Connection", "close");
            case "/file" -> Response.file(file, "text/plain");
            case "/null" -> null;
            case "/stream-echo" -> Response.stream("application/octet-stream", out -> r.body().transferTo(out));
            case "/catch-body" -> {
                try {
                    r.bytes();
                    yield Response.text("read");
                } catch (HttpProtocolException e) {
                    yield Response.text(400, "caught");
                }
            }
            case "/head-route" -> r.method().equals("HEAD")
                    ? Response.status(200).withHeader("Content-Length", "1234")
                    : Response.text("x".repeat(1234));
            default -> Response.text(404, "not found");
        };
    }

    static Wire client() throws IOException {
        return transport.connect(server.port());
    }

    static final String GET_HELLO = "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n";

    /** After a connection was rejected, a fresh one is still served. */
    static void assertServerStillServes() throws IOException {
        try (Wire c = client()) {
            assertEquals(200, c.send(GET_HELLO).read().status());
        }
    }

    @Test
    void answersGetWithLengthTypeAndDate() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send(GET_HELLO).read();
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("13", r.header("Content-Length"));
            assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
            assertTrue(r.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), r.header("Date"));
            assertNull(r.header("Connection"));
            assertEquals("Hello, World!", r.text());
        }
    }

    @Test
    void passesRequestPartsToTheHandler() throws IOException {
        try (Wire c = client()) {
            String body = c.send("GET /info?x=%41&y HTTP/1.1\r\nHost: test\r\n\r\n").read().text();
            assertEquals("GET /info?x=%41&y /info /info x=%41&y HTTP/1.1 127.0.0.1", body);
            body = c.send("GET http://test/inf%6F HTTP/1.1\r\nHost: test\r\n\r\n").read().text();
            assertEquals("GET http://test/inf%6F /inf%6F /info  HTTP/1.1 127.0.0.1", body);
        }
    }

    @Test
    void keepsConnectionAliveAcrossRequests() throws IOException {
        try (Wire c = client()) {
            for (int i = 0; i < 5; i++) {
                assertEquals("Hello, World!", c.send(GET_HELLO).read().text());
            }
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        try (Wire c = client()) {
            c.send("GET /info?1 HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /info?3 HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            assertTrue(c.read().text().startsWith("GET /info?1 "));
            assertEquals("abc", c.read().text());
            assertTrue(c.read().text().startsWith("GET /info?3 "));
            assertEquals("de", c.read().text());
            Wire.Reply last = c.read();
            assertEquals("close", last.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void honoursConnectionCloseFromClient() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").read();
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void honoursConnectionCloseFromHandler() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /close HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertEquals("close", r.header("Connection"));
            assertEquals(1, r.count("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void closesHttp10ByDefault() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /hello HTTP/1.0\r\n\r\n").read();
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void keepsHttp10AliveWhenAsked() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals("keep-alive", r.header("Connection"));
            assertEquals(200, c.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().status());
        }
    }

    @Test
    void answersHeadWithGetHeadersAndNoBody() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n").readHeadOnly();
            assertEquals(200, r.status());
            assertEquals("13", r.header("Content-Length"));
            // No body bytes: the next response starts right away.
            assertEquals("Hello, World!", c.send(GET_HELLO).read().text());
            Wire.Reply stream = c.send("HEAD /stream HTTP/1.1\r\nHost: t\r\n\r\n").readHeadOnly();
            assertNull(stream.header("Transfer-Encoding"));
            assertEquals("Hello, World!", c.send(GET_HELLO).read().text());
        }
    }

    @Test
    void sendsNoBodyWith204Or304() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /no-content HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertEquals("HTTP/1.1 204 No Content", r.statusLine());
            assertNull(r.header("Content-Length"));
            Wire.Reply nm = c.send("GET /not-modified HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertEquals(304, nm.status());
            assertNull(nm.header("Content-Length"));
            assertEquals("Hello, World!", c.send(GET_HELLO).read().text());
        }
    }

    @Test
    void readsContentLengthAndChunkedBodies() throws IOException {
        try (Wire c = client()) {
            assertEquals("hello", c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello").read().text());
            assertEquals("hello world", c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer-Field: x\r\n\r\n").read().text());
            assertEquals("", c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n").read().text());
        }
    }

    @Test
    void drainsAnUnreadBodyBeforeTheNextRequest() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("POST /ignore-body HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789").read();
            assertNull(r.header("Connection"));
            r = c.send("POST /ignore-body HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n").read();
            assertNull(r.header("Connection"));
            assertEquals("Hello, World!", c.send(GET_HELLO).read().text());
        }
    }

    @Test
    void closesInsteadOfDrainingALargeUnreadBody() throws IOException {
        try (Wire c = client()) {
            String body = "x".repeat(2000); // over maxDrainBytes (1024)
            Wire.Reply r = c.send("POST /ignore-body HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n" + body).read();
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void rejectsOversizedContentLengthBeforeReadingTheBody() throws IOException {
        try (Wire c = client()) {
            // The body is never sent: the 413 must come from the head alone.
            Wire.Reply r = c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n").read();
            assertEquals("HTTP/1.1 413 Content Too Large", r.statusLine());
            assertEquals("close", r.header("Connection"));
        }
        assertServerStillServes();
    }

    @Test
    void refusesAnOversizedBodyExpectingContinueWithoutInvitingIt() throws IOException {
        try (Wire c = client()) {
            // RFC 9110 §10.1.1: the final status comes instead of 100 Continue; the body never does.
            Wire.Reply r = c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n").read();
            assertEquals("HTTP/1.1 413 Content Too Large", r.statusLine());
            assertEquals("close", r.header("Connection"));
        }
        assertServerStillServes();
    }

    @Test
    void aHandlerThatIgnoresAnOversizedBodyAnswersAndTheConnectionCloses() throws IOException {
        // The Content-Length check is deferred to the first body read; an unread body too large
        // to drain closes the connection after the handler's own answer.
        try (Wire c = client()) {
            Wire.Reply r = c.send("POST /ignore-body HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
        assertServerStillServes();
    }

    @Test
    void rejectsChunkedBodyPassingTheLimitWith413() throws IOException {
        try (Wire c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = ("10000\r\n" + "y".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 17; i++) { // 17 × 64 KiB > 1 MiB
                c.send(chunk);
            }
            Wire.Reply r = c.read();
            assertEquals(413, r.status());
            assertEquals("close", r.header("Connection"));
        }
        assertServerStillServes();
    }

    @Test
    void sendsContinueOnlyWhenTheHandlerReadsTheBody() throws IOException {
        try (Wire c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", c.line());
            assertEquals("", c.line());
            assertEquals("hello", c.send("hello").read().text());
        }
        try (Wire c = client()) {
            // The handler answers without reading: no 100, and the connection can't be reused.
            Wire.Reply r = c.send("POST /ignore-body HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
        }
    }

    @Test
    void sendsContinueBeforeAStreamedResponseThatReadsTheBody() throws IOException {
        // RFC 9110 §15.2: a 100 must come before the final response, never inside its body.
        try (Wire c = client()) {
            c.send("POST /stream-echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", c.line());
            assertEquals("", c.line());
            c.send("hello");
            Wire.Reply r = c.read();
            assertEquals(200, r.status());
            assertEquals("hello", r.text());
            assertEquals("Hello, World!", c.send(GET_HELLO).read().text());
        }
    }

    @Test
    void neverResynchronisesAfterABodyErrorTheHandlerCaught() throws IOException {
        // The chunk claims 3 bytes but carries 5; a parser that tried again after the error could
        // find "\r\n0\r\n\r\n" and then serve the smuggled GET on the same connection.
        try (Wire c = client()) {
            c.send("POST /catch-body HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabcXY\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
            Wire.Reply r = c.read();
            assertEquals("caught", r.text());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer(), "no second response on a connection whose framing broke");
        }
    }

    @Test
    void answersABodyErrorInsideAStreamedResponseWithItsStatus() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("POST /stream-echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").read();
            assertEquals(400, r.status());
            assertEquals("close", r.header("Connection"));
        }
        assertServerStillServes();
    }

    @Test
    void keepsTheLengthAHeadRouteDeclares() throws IOException {
        // RFC 9110 §9.3.2: HEAD's Content-Length is the one GET would send.
        try (Wire c = client()) {
            assertEquals("1234", c.send("HEAD /head-route HTTP/1.1\r\nHost: t\r\n\r\n").readHeadOnly().header("Content-Length"));
            assertEquals(1234, c.send("GET /head-route HTTP/1.1\r\nHost: t\r\n\r\n").read().text().length());
        }
    }

    @Test
    void rejectsUnknownExpectationWith417() throws IOException {
        try (Wire c = client()) {
            assertEquals(417, c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nExpect: teapot\r\n\r\nx").read().status());
        }
    }

    @Test
    void streamsChunkedOnHttp11AndCloseDelimitedOnHttp10() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertTrue(r.chunked());
            assertEquals("part1,part2", r.text());
            assertEquals(200, c.send(GET_HELLO).read().status());
        }
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertNull(r.header("Content-Length"));
            assertNull(r.header("Transfer-Encoding"));
            assertEquals("close", r.header("Connection"));
            assertEquals("part1,part2", r.text());
        }
    }

    @Test
    void servesFiles() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /file HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertEquals("14", r.header("Content-Length"));
            assertEquals("file contents\n", r.text());
            assertEquals(200, c.send(GET_HELLO).read().status());
        }
    }

    @Test
    void turnsHandlerExceptionInto500WithoutDetails() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /boom HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertEquals(500, r.status());
            assertFalse(r.text().contains("secret"));
            assertEquals(500, c.send("GET /null HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            assertEquals(200, c.send(GET_HELLO).read().status()); // same connection still usable
        }
    }

    @Test
    void closesTheConnectionWhenAStreamFailsAfterStarting() throws IOException {
        try (Wire c = client()) {
            String raw = c.send("GET /boom-after-start HTTP/1.1\r\nHost: t\r\n\r\n").readToEnd();
            assertTrue(raw.startsWith("HTTP/1.1 200 OK\r\n"), raw);
            assertTrue(raw.contains("partial"));
            assertFalse(raw.endsWith("0\r\n\r\n"), "a failed stream must not look complete: " + raw);
        }
        assertServerStillServes();
    }

    @Test
    void replacesHopByHopFieldsSetByTheHandler() throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send("GET /hop HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertEquals("3", r.header("Content-Length"));
            assertEquals(1, r.count("Content-Length"));
            assertNull(r.header("Transfer-Encoding"));
            assertNull(r.header("Connection"));
            assertNull(r.header("Keep-Alive"));
            assertNull(r.header("Upgrade"));
            assertEquals("yes", r.header("X-Kept"));
            assertEquals("hop", r.text());
            assertEquals(200, c.send(GET_HELLO).read().status());
        }
    }

    @Test
    void skipsEmptyLinesBeforeARequest() throws IOException {
        try (Wire c = client()) {
            assertEquals(200, c.send("\r\n\r\n" + GET_HELLO).read().status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing Host on 1.1|GET /hello HTTP/1.1\\r\\n\\r\\n|400",
        "two Host fields|GET /hello HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n|400",
        "invalid Host|GET /hello HTTP/1.1\\r\\nHost: a/b\\r\\n\\r\\n|400",
        "whitespace before colon|GET /hello HTTP/1.1\\r\\nHost : t\\r\\n\\r\\n|400",
        "obs-fold|GET /hello HTTP/1.1\\r\\nHost: t\\r\\nX: a\\r\\n  b\\r\\n\\r\\n|400",
        "bare CR|GET /hello HTTP/1.1\\r\\nHost: t\\rX: y\\r\\n\\r\\n|400",
        "NUL in value|GET /hello HTTP/1.1\\r\\nHost: t\\r\\nX: \\u0000\\r\\n\\r\\n|400",
        "no colon|GET /hello HTTP/1.1\\r\\nHost: t\\r\\nJunk\\r\\n\\r\\n|400",
        "bad method|G@T /hello HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n|400",
        "garbage|\\u0016\\u0003\\u0001\\u0002\\u0000\\u0001\\u0000\\u0001\\u00fc\\u0003\\u0003\\r\\n\\r\\n|400",
        "HTTP/2 version|GET /hello HTTP/2.0\\r\\nHost: t\\r\\n\\r\\n|505",
        "unparsable version|GET /hello HTTP/x.y\\r\\nHost: t\\r\\n\\r\\n|400",
        "CL and TE|POST /echo HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n|400",
        "differing CLs|POST /echo HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabcd|400",
        "unknown coding|POST /echo HTTP/1.1\\r\\nHost: t\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n0\\r\\n\\r\\n|501",
        "non-final chunked|POST /echo HTTP/1.1\\r\\nHost: t\\r\\nTransfer-Encoding: chunked, gzip\\r\\n\\r\\n0\\r\\n\\r\\n|400",
        "bad chunk size|POST /echo HTTP/1.1\\r\\nHost: t\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n|400",
        "CONNECT|CONNECT example.com:443 HTTP/1.1\\r\\nHost: example.com:443\\r\\n\\r\\n|501",
        "asterisk with GET|GET * HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n|400",
        "bad percent-encoding|GET /a%zz HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n|400",
    })
    void rejectsMalformedRequestsAndCloses(String why, String raw, int status) throws IOException {
        try (Wire c = client()) {
            Wire.Reply r = c.send(dev.wisp.server.http1.TestText.unescape(raw)).read();
            assertEquals(status, r.status(), why);
            assertEquals("close", r.header("Connection"), why);
            String requestTarget = targetOf(dev.wisp.server.http1.TestText.unescape(raw));
            assertTrue(requestTarget.isEmpty() || !r.text().contains(requestTarget),
                    why + ": the error body echoes the target: " + r.text());
            assertTrue(c.closedByServer(), why);
        }
        assertServerStillServes();
    }

    /** The request-target of a request line (its second token), or "" when it has none. */
    private static String targetOf(String request) {
        int sp = request.indexOf(' ');
        int end = sp < 0 ? -1 : request.indexOf(' ', sp + 1);
        return end < 0 ? "" : request.substring(sp + 1, end);
    }

    @Test
    void rejectsLongRequestLineWith414AndBigHeadersWith431() throws IOException {
        try (Wire c = client()) {
            assertEquals(414, c.send("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
        }
        try (Wire c = client()) {
            assertEquals(431, c.send("GET / HTTP/1.1\r\nHost: t\r\nX: " + "a".repeat(17000) + "\r\n\r\n").read().status());
        }
        try (Wire c = client()) {
            StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: t\r\n");
            for (int i = 0; i < 101; i++) {
                many.append("X").append(i).append(": v\r\n");
            }
            assertEquals(431, c.send(many.append("\r\n").toString()).read().status());
        }
        assertServerStillServes();
    }

    @Test
    void acceptsHttp10WithoutHost() throws IOException {
        try (Wire c = client()) {
            assertEquals(200, c.send("GET /hello HTTP/1.0\r\n\r\n").read().status());
        }
    }

    @Test
    void echoesABodyLargerThanTheWriteBufferIntactAndKeepsTheConnection() throws IOException {
        // The response body (100 kB) is far larger than the connection's write buffer (1 KiB), so
        // it leaves in a gathering write beside the buffered head; it must arrive whole, with the
        // right length, and leave the connection usable.
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26); // not one repeated byte, so a reordered slice would show
        }
        try (Wire c = client()) {
            c.send(("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + big.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            OutputStream out = c.socket.getOutputStream();
            out.write(big);
            out.flush();
            Wire.Reply r = c.read();
            assertEquals(String.valueOf(big.length), r.header("Content-Length"));
            assertArrayEquals(big, r.body());
            Wire.Reply next = c.send(GET_HELLO).read();
            assertEquals(200, next.status());
            assertEquals("Hello, World!", next.text());
        }
    }
}
