package dev.wisp.server.hardening;

import dev.wisp.server.testkit.TestTransport;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;

import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request smuggling and framing over a real socket, one table row per vector: the raw request,
 * the status the server must answer, and whether it must then close the connection (it must
 * whenever the message's framing can't be trusted, RFC 9112 §6.3, §11.2). Every row is followed
 * by a request on a new connection that must be served normally; rows the server accepts are also
 * followed by a second request on the same connection, which must be answered as itself — proof
 * that no byte of the first message was left behind to be read as a request.
 *
 * <p>The handler echoes {@code METHOD target body-length body}, so a row can say exactly which
 * body the server saw.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ParameterizedClass
@EnumSource(TestTransport.class)
class RequestSmugglingTest {
    private static Server server;
    private static TestTransport transport;
    /** The framing rules hold the same over a plain connection and through TLS. */
    @Parameter
    TestTransport parameter;

    @BeforeParameterizedClassInvocation
    static void start(TestTransport t) {
        transport = t;
        server = Server.start(t.apply(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)), request -> {
            byte[] body = request.bytes();
            return Response.text(request.method() + " " + request.target() + " " + body.length + " "
                    + new String(body, StandardCharsets.ISO_8859_1));
        });
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** One vector: what is sent, the status expected, whether the connection must close, the echo expected (or null). */
    record Vector(String name, String request, int status, boolean closes, String echo) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String POST = "POST / HTTP/1.1\r\nHost: test\r\n";
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n";
    private static final String HELLO_CHUNKED = "5\r\nhello\r\n0\r\n\r\n";

    private static Vector ok(String name, String request, String echo) {
        return new Vector(name, request, 200, false, echo);
    }

    private static Vector reject(String name, String request, int status) {
        return new Vector(name, request, status, true, null);
    }

    /** A chunked POST with this body; the body is rejected when the handler reads it. */
    private static Vector chunkedBody(String name, String body, int status) {
        return status == 200 ? ok(name, CHUNKED + "\r\n" + body, null) : reject(name, CHUNKED + "\r\n" + body, status);
    }

    static Stream<Arguments> vectors() {
        List<Vector> v = new ArrayList<>();
        // Content-Length and Transfer-Encoding together (RFC 9112 §6.3 ¶3): reject, close.
        v.add(reject("cl-and-te", POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-and-cl", POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("cl-te-classic-smuggle", POST + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG", 400));
        v.add(reject("cl-and-te-identity", POST + "Content-Length: 5\r\nTransfer-Encoding: identity\r\n\r\nhello", 400));

        // Content-Length: repeated equal values may be accepted (RFC 9110 §8.6); anything else is a 400.
        v.add(ok("cl-duplicate-same", POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", "POST / 5 hello"));
        v.add(ok("cl-comma-joined-same", POST + "Content-Length: 5, 5\r\n\r\nhello", "POST / 5 hello"));
        v.add(ok("cl-ows-around-value", POST + "Content-Length: \t 5 \t\r\n\r\nhello", "POST / 5 hello"));
        v.add(ok("cl-leading-zeros", POST + "Content-Length: 0005\r\n\r\nhello", "POST / 5 hello"));
        v.add(reject("cl-duplicate-different", POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400));
        v.add(reject("cl-comma-joined-different", POST + "Content-Length: 5, 6\r\n\r\nhello!", 400));
        v.add(reject("cl-plus-sign", POST + "Content-Length: +5\r\n\r\nhello", 400));
        v.add(reject("cl-minus-sign", POST + "Content-Length: -5\r\n\r\nhello", 400));
        v.add(reject("cl-inner-space", POST + "Content-Length: 5 5\r\n\r\nhello", 400));
        v.add(reject("cl-hex", POST + "Content-Length: 0x5\r\n\r\nhello", 400));
        v.add(reject("cl-trailing-junk", POST + "Content-Length: 5a\r\n\r\nhello", 400));
        v.add(reject("cl-words", POST + "Content-Length: five\r\n\r\nhello", 400));
        v.add(reject("cl-decimal-point", POST + "Content-Length: 5.0\r\n\r\nhello", 400));
        v.add(reject("cl-empty", POST + "Content-Length:\r\n\r\nhello", 400));
        v.add(reject("cl-trailing-comma", POST + "Content-Length: 5,\r\n\r\nhello", 400));
        v.add(reject("cl-overflows-long", POST + "Content-Length: 99999999999999999999999\r\n\r\nhello", 400));
        v.add(reject("cl-over-body-limit", POST + "Content-Length: 100000000000\r\n\r\nhello", 413));

        // Transfer-Encoding: chunked must be the final coding, once (§6.3 ¶4); other codings are 501 (§6.1).
        v.add(reject("te-xchunked", POST + "Transfer-Encoding: xchunked\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-chunkedx", POST + "Transfer-Encoding: chunkedx\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(ok("te-leading-space-is-ows", POST + "Transfer-Encoding:  chunked\r\n\r\n" + HELLO_CHUNKED, "POST / 5 hello"));
        v.add(ok("te-tab-is-ows", POST + "Transfer-Encoding:\tchunked\t\r\n\r\n" + HELLO_CHUNKED, "POST / 5 hello"));
        v.add(ok("te-uppercase-coding", POST + "Transfer-Encoding: CHUNKED\r\n\r\n" + HELLO_CHUNKED, "POST / 5 hello"));
        v.add(ok("te-mixed-case-name", POST + "transfer-ENCODING: Chunked\r\n\r\n" + HELLO_CHUNKED, "POST / 5 hello"));
        v.add(ok("te-empty-list-elements", POST + "Transfer-Encoding: , chunked,\r\n\r\n" + HELLO_CHUNKED, "POST / 5 hello"));
        v.add(reject("te-chunked-identity", POST + "Transfer-Encoding: chunked, identity\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-gzip-chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n" + HELLO_CHUNKED, 501));
        v.add(reject("te-identity-chunked", POST + "Transfer-Encoding: identity, chunked\r\n\r\n" + HELLO_CHUNKED, 501));
        v.add(reject("te-tab-inside-coding", POST + "Transfer-Encoding: chun\tked\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-vertical-tab", POST + "Transfer-Encoding: \u000bchunked\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-quoted", POST + "Transfer-Encoding: \"chunked\"\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-empty", POST + "Transfer-Encoding:\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-repeated-chunked", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-chunked-chunked-list", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-gzip-then-chunked-lines", POST + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + HELLO_CHUNKED, 501));
        v.add(reject("te-chunked-then-gzip-lines", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-space-before-colon", POST + "Transfer-Encoding : chunked\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-on-http-1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + HELLO_CHUNKED, 400));
        v.add(reject("te-and-cl-on-http-1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello", 400));

        // Chunk sizes and chunk data (RFC 9112 §7.1).
        v.add(ok("chunk-extensions", CHUNKED + "\r\n5;a=b;c=\"d e\";flag\r\nhello\r\n0;last\r\n\r\n", "POST / 5 hello"));
        v.add(ok("chunk-extension-bws", CHUNKED + "\r\n5 ; a = b\r\nhello\r\n0\r\n\r\n", "POST / 5 hello"));
        v.add(ok("chunk-uppercase-hex", CHUNKED + "\r\nA\r\n0123456789\r\n0\r\n\r\n", "POST / 10 0123456789"));
        v.add(ok("chunk-trailers", CHUNKED + "\r\n5\r\nhello\r\n0\r\nX-Sum: 1\r\nX-More: 2\r\n\r\n", "POST / 5 hello"));
        v.add(ok("chunk-framing-trailer-ignored", CHUNKED + "\r\n5\r\nhello\r\n0\r\nContent-Length: 50\r\n\r\n", "POST / 5 hello"));
        v.add(chunkedBody("chunk-size-overflows-long", "10000000000000005\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-many-digits", "ffffffffffffffffffffffff\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-over-body-limit", "fffffffffffffff\r\nhello\r\n0\r\n\r\n", 413));
        v.add(chunkedBody("chunk-size-negative", "-5\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-plus", "+5\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-0x-prefix", "0x5\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-junk", "5x\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-junk-after-space", "5 x\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-leading-space", " 5\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-empty", "\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-extension-control", "5;a=\u0001\r\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-data-longer-than-size", "5\r\nhelloXX\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-data-shorter-than-size", "5\r\nhel\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-data-without-crlf", "5\r\nhello0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-bare-lf", "5\nhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-data-bare-lf", "5\r\nhello\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-size-bare-cr", "5\rhello\r\n0\r\n\r\n", 400));
        v.add(chunkedBody("chunk-trailer-obs-fold", "5\r\nhello\r\n0\r\nX-A: 1\r\n folded\r\n\r\n", 400));
        v.add(chunkedBody("chunk-trailer-bare-lf", "5\r\nhello\r\n0\r\nX-A: 1\n\r\n", 400));

        // Line endings (RFC 9112 §2.2): CRLF only.
        v.add(reject("bare-lf-request-line", "GET / HTTP/1.1\nHost: test\r\n\r\n", 400));
        v.add(reject("bare-lf-header-line", "GET / HTTP/1.1\r\nHost: test\n\r\n", 400));
        v.add(reject("bare-lf-everywhere", "GET / HTTP/1.1\nHost: test\n\n", 400));
        v.add(reject("bare-cr-request-line", "GET / HTTP/1.1\rHost: test\r\n\r\n", 400));
        v.add(reject("bare-cr-in-value", "GET / HTTP/1.1\r\nHost: test\r\nX-A: a\rb\r\n\r\n", 400));
        v.add(reject("bare-cr-end-of-head", "GET / HTTP/1.1\r\nHost: test\r\n\r\r\n", 400));

        // NUL and other controls in names, values and targets (RFC 9110 §5.1, §5.5; RFC 9112 §3.2).
        v.add(reject("nul-in-name", "GET / HTTP/1.1\r\nHost: test\r\nX\u0000A: b\r\n\r\n", 400));
        v.add(reject("nul-in-value", "GET / HTTP/1.1\r\nHost: test\r\nX-A: a\u0000b\r\n\r\n", 400));
        v.add(reject("nul-in-method", "G\u0000ET / HTTP/1.1\r\nHost: test\r\n\r\n", 400));
        v.add(reject("nul-in-target", "GET /a\u0000b HTTP/1.1\r\nHost: test\r\n\r\n", 400));
        v.add(reject("escape-in-name", "GET / HTTP/1.1\r\nHost: test\r\nX\u001bA: b\r\n\r\n", 400));
        v.add(reject("del-in-value", "GET / HTTP/1.1\r\nHost: test\r\nX-A: a\u007fb\r\n\r\n", 400));
        v.add(reject("control-in-target", "GET /a\u0001b HTTP/1.1\r\nHost: test\r\n\r\n", 400));
        v.add(reject("tab-in-target", "GET /a\tb HTTP/1.1\r\nHost: test\r\n\r\n", 400));
        v.add(reject("space-in-target", "GET /a b HTTP/1.1\r\nHost: test\r\n\r\n", 400));
        v.add(reject("non-ascii-in-target", "GET /caf\u00e9 HTTP/1.1\r\nHost: test\r\n\r\n", 400));
        v.add(reject("encoded-nul-in-path", "GET /a%00b HTTP/1.1\r\nHost: test\r\n\r\n", 400));
        v.add(ok("obs-text-in-value", "GET / HTTP/1.1\r\nHost: test\r\nX-A: caf\u00e9\r\n\r\n", "GET / 0 "));

        // obs-fold (RFC 9112 §5.2) and whitespace before the colon (§5.1), including before the first field (§2.2).
        v.add(reject("obs-fold-space", "GET / HTTP/1.1\r\nHost: test\r\nX-A: a\r\n b\r\n\r\n", 400));
        v.add(reject("obs-fold-tab", "GET / HTTP/1.1\r\nHost: test\r\nX-A: a\r\n\tb\r\n\r\n", 400));
        v.add(reject("whitespace-before-first-field", "GET / HTTP/1.1\r\n Host: test\r\n\r\n", 400));
        v.add(reject("space-before-colon", "GET / HTTP/1.1\r\nHost : test\r\n\r\n", 400));
        v.add(reject("tab-before-colon", "GET / HTTP/1.1\r\nHost\t: test\r\n\r\n", 400));
        v.add(reject("cl-space-before-colon", POST + "Content-Length : 5\r\n\r\nhello", 400));

        // A body that looks like a request is still a body (RFC 9112 §6.2).
        String inner = "GET /smuggled HTTP/1.1\r\nHost: test\r\n\r\n";
        v.add(ok("body-that-looks-like-a-request", "GET / HTTP/1.1\r\nHost: test\r\nContent-Length: " + inner.length()
                + "\r\n\r\n" + inner, "GET / " + inner.length() + " " + inner));
        v.add(ok("chunk-that-looks-like-a-request", CHUNKED + "\r\n" + Integer.toHexString(inner.length()) + "\r\n" + inner
                + "\r\n0\r\n\r\n", "POST / " + inner.length() + " " + inner));

        // The request line and Host (RFC 9112 §3).
        v.add(ok("leading-empty-line", "\r\nGET / HTTP/1.1\r\nHost: test\r\n\r\n", "GET / 0 "));
        v.add(ok("absolute-form", "GET http://test/p?q=1 HTTP/1.1\r\nHost: test\r\n\r\n", "GET http://test/p?q=1 0 "));
        v.add(reject("double-space-in-request-line", "GET  / HTTP/1.1\r\nHost: test\r\n\r\n", 400));
        v.add(reject("lowercase-version", "GET / http/1.1\r\nHost: test\r\n\r\n", 400));
        v.add(reject("http-0.9-request", "GET /\r\n\r\n", 400));
        v.add(reject("http-2-version", "GET / HTTP/2.0\r\nHost: test\r\n\r\n", 505));
        v.add(reject("missing-host", "GET / HTTP/1.1\r\n\r\n", 400));
        v.add(reject("duplicate-host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400));
        v.add(reject("connect", "CONNECT test:443 HTTP/1.1\r\nHost: test:443\r\n\r\n", 501));
        v.add(reject("unknown-expectation", POST + "Expect: 200-ok\r\nContent-Length: 5\r\n\r\nhello", 417));
        v.add(reject("request-line-too-long", "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: test\r\n\r\n", 414));
        v.add(reject("header-section-too-large", "GET / HTTP/1.1\r\nHost: test\r\n" + ("X-A: " + "b".repeat(1000) + "\r\n").repeat(20) + "\r\n", 431));
        v.add(reject("too-many-header-fields", "GET / HTTP/1.1\r\nHost: test\r\n" + "X-A: b\r\n".repeat(101) + "\r\n", 431));
        return v.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void answersEachVectorAndKeepsTheConnectionOnlyWhenFramingIsSound(Vector vector) throws IOException {
        try (Wire wire = transport.connect(server.port())) {
            Wire.Reply response = wire.send(vector.request()).read();
            assertEquals(vector.status(), response.status(), "status for " + vector.name() + ": " + response);
            if (vector.echo() != null) {
                assertEquals(vector.echo(), response.text(), "what the handler saw");
            }
            if (vector.closes()) {
                assertTrue(response.closes(), "the response must announce Connection: close");
                assertTrue(wire.closedByServer(), "the server must close a connection whose framing is in doubt");
            } else {
                assertFalse(response.closes(), "an accepted request keeps the connection");
                // Nothing of the first message may be left over to be read as a request.
                Wire.Reply next = wire.get("/after");
                assertEquals(200, next.status(), "second request on the same connection: " + next);
                assertEquals("GET /after 0 ", next.text());
            }
        }
        try (Wire fresh = transport.connect(server.port())) {
            Wire.Reply response = fresh.get("/fresh");
            assertEquals(200, response.status());
            assertEquals("GET /fresh 0 ", response.text());
        }
    }

    /** Valid messages, and the echo each must produce. */
    private static final List<String[]> VALID = List.of(
            new String[] {"GET /search?q=a+b HTTP/1.1\r\nHost: test\r\nUser-Agent: Mozilla/5.0\r\n"
                    + "Accept: text/html,*/*;q=0.8\r\nCookie: a=b; c=d\r\n\r\n", "GET /search?q=a+b 0 "},
            new String[] {"POST /todos HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n"
                    + "{\"title\":\"milk\"}", "POST /todos 16 {\"title\":\"milk\"}"},
            new String[] {"PUT /up HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;n=v\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 1\r\n\r\n", "PUT /up 11 hello world"},
            new String[] {"GET /one HTTP/1.1\r\nHost: test\r\n\r\nPOST /two HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\nabc",
                "GET /one 0 ", "POST /two 3 abc"});

    /**
     * Every valid message split into two TCP writes at every offset (TCP_NODELAY, each part flushed
     * on its own) is answered exactly as when sent whole.
     */
    @Test
    void answersValidRequestsSplitAcrossWritesAtEveryOffset() throws IOException {
        for (String[] valid : VALID) {
            byte[] message = Wire.latin1(valid[0]);
            for (int split = 1; split < message.length; split++) {
                try (Wire wire = transport.connect(server.port())) {
                    wire.send(Arrays.copyOfRange(message, 0, split));
                    // Not synchronisation (the assertions hold whether or not the parts are coalesced):
                    // a short pause makes it likely that the server reads the first part on its own.
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                    wire.send(Arrays.copyOfRange(message, split, message.length));
                    for (int i = 1; i < valid.length; i++) {
                        Wire.Reply response = wire.read();
                        assertEquals(200, response.status(), "split at " + split + " of " + valid[0]);
                        assertEquals(valid[i], response.text(), "split at " + split);
                    }
                }
            }
        }
    }
}
