package dev.wisp.web.middleware;

import static dev.wisp.web.middleware.CompressionTest.gunzip;
import static dev.wisp.web.middleware.CompressionTest.gzip;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.testing.WispServerExtension;
import dev.wisp.web.App;
import dev.wisp.web.problem.NotFoundException;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ExtractableResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compression and conditional requests over a real socket: REST-assured as an API client, with
 * its own gzip decoding off where the test compares the bytes on the wire, and a raw socket for
 * the streamed event case.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CompressionOverSocketTest {
    record Todo(long id, String title, String notes, long version) {
    }

    record Edit(String title) {
    }

    static final String NOTES = "Semi-skimmed, two litres, from the shop on the corner. ".repeat(40);
    static final Map<Long, Todo> STORE = new ConcurrentHashMap<>();
    static final CountDownLatch FIRST_EVENT_DECODED = new CountDownLatch(1);
    static final int DECODED_LIMIT = 100_000;

    static App app() {
        return App.create()
                .use(Compression.create(CompressionConfig.defaults().withRequestDecoding(DECODED_LIMIT)))
                .get("/todos/{id}", req -> {
                    Todo todo = find(req.pathLong("id"));
                    ETag tag = ETag.of(todo.version());
                    return Conditional.check(req.request(), tag)
                            .orElseGet(() -> req.json().response(200, todo).withHeader("ETag", tag.toString()));
                })
                .put("/todos/{id}", req -> {
                    Todo todo = find(req.pathLong("id"));
                    Conditional.check(req.request(), ETag.of(todo.version()));
                    Todo saved = new Todo(todo.id(), req.json(Edit.class).title(), todo.notes(), todo.version() + 1);
                    STORE.put(saved.id(), saved);
                    return req.json().response(200, saved).withHeader("ETag", ETag.of(saved.version()).toString());
                })
                .post("/echo", req -> Response.bytes(req.bytes(), "text/plain"))
                .get("/events", req -> Response.stream("text/event-stream", out -> {
                    out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    try {
                        if (!FIRST_EVENT_DECODED.await(20, TimeUnit.SECONDS)) {
                            throw new IOException("the client never decoded the first event");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
                }));
    }

    static Todo find(long id) {
        Todo todo = STORE.get(id);
        if (todo == null) {
            throw new NotFoundException("No todo " + id);
        }
        return todo;
    }

    @RegisterExtension
    static final WispServerExtension server = WispServerExtension.serve(CompressionOverSocketTest::app);

    static final RestAssuredConfig RAW = RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @BeforeEach
    void reset() {
        STORE.put(1L, new Todo(1, "Buy milk", NOTES, 1));
    }

    @Test
    void sendsGzipThatDecodesToTheIdentityBytes() throws Exception {
        byte[] identity = given().config(RAW).get("/todos/1").then().statusCode(200)
                .header("Content-Encoding", (String) null).header("ETag", "\"1\"").header("Vary", "Accept-Encoding")
                .extract().asByteArray();
        ExtractableResponse<?> gz = given().config(RAW).header("Accept-Encoding", "gzip").get("/todos/1")
                .then().statusCode(200).header("Content-Encoding", "gzip").header("ETag", "\"1-gzip\"")
                .header("Vary", "Accept-Encoding").header("Content-Type", "application/json").extract();
        byte[] wire = gz.asByteArray();
        assertArrayEquals(identity, gunzip(wire));
        assertEquals(String.valueOf(wire.length), gz.header("Content-Length"));
        assertTrue(wire.length < identity.length / 4, wire.length + " of " + identity.length);
    }

    @Test
    void restAssuredReadsTheCompressedJson() {
        given().header("Accept-Encoding", "gzip").get("/todos/1")
                .then().statusCode(200).header("Content-Encoding", "gzip").body("title", equalTo("Buy milk"));
    }

    @Test
    void headHasTheHeadersOfGet() {
        ExtractableResponse<?> get = given().config(RAW).header("Accept-Encoding", "gzip").get("/todos/1").then().extract();
        ExtractableResponse<?> head = given().config(RAW).header("Accept-Encoding", "gzip").head("/todos/1").then().statusCode(200).extract();
        for (String name : new String[] {"Content-Encoding", "Content-Length", "ETag", "Vary", "Content-Type"}) {
            assertEquals(get.header(name), head.header(name), name);
        }
        assertEquals(0, head.asByteArray().length);
    }

    @Test
    void ifNoneMatchWithTheGzipTagGives304WithThatTag() {
        given().config(RAW).header("Accept-Encoding", "gzip").header("If-None-Match", "\"1-gzip\"").get("/todos/1")
                .then().statusCode(304).header("ETag", "\"1-gzip\"").header("Content-Encoding", (String) null)
                .header("Vary", "Accept-Encoding");
        given().config(RAW).header("If-None-Match", "\"1\"").get("/todos/1").then().statusCode(304).header("ETag", "\"1\"");
        given().config(RAW).header("If-None-Match", "\"0\"").get("/todos/1").then().statusCode(200);
    }

    @Test
    void optimisticConcurrencyWithIfMatch() {
        // A client that got the gzip variant sends back "1-gzip": it names version 1 all the same.
        // (REST-assured asks for gzip by default, so the answers come back with suffixed tags.)
        given().header("If-Match", "\"1-gzip\"").contentType("application/json").body("{\"title\":\"Buy oat milk\"}")
                .put("/todos/1").then().statusCode(200).header("ETag", "\"2-gzip\"").body("version", equalTo(2));
        given().header("If-Match", "\"1\"").contentType("application/json").body("{\"title\":\"lost update\"}")
                .put("/todos/1").then().statusCode(412).contentType("application/problem+json")
                .body("status", equalTo(412)).body("detail", containsString("If-Match"));
        given().header("If-Match", "W/\"2\"").contentType("application/json").body("{\"title\":\"weak\"}")
                .put("/todos/1").then().statusCode(412);
        given().get("/todos/1").then().body("title", equalTo("Buy oat milk"));
    }

    @Test
    void decodesAGzipRequestBody() throws Exception {
        byte[] plain = "compressed upload ".repeat(500).getBytes(StandardCharsets.UTF_8);
        byte[] echoed = given().config(RAW).header("Content-Encoding", "gzip").body(gzip(plain)).post("/echo")
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(plain, echoed);
    }

    @Test
    void refusesAZipBombWith413() throws Exception {
        byte[] bomb = gzip(new byte[16 << 20]);
        given().config(RAW).header("Content-Encoding", "gzip").body(bomb).post("/echo")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString(DECODED_LIMIT + " bytes"));
    }

    @Test
    void refusesAnUnknownRequestCodingWith415() {
        given().config(RAW).header("Content-Encoding", "br").body(new byte[] {1, 2, 3}).post("/echo")
                .then().statusCode(415).header("Accept-Encoding", "gzip").contentType("application/problem+json");
    }

    @Test
    void answers406WhenNothingIsAcceptable() {
        given().config(RAW).header("Accept-Encoding", "br, identity;q=0").get("/todos/1")
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void eachEventIsDecodableWhenItArrives() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /events HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.contains("Content-Encoding: gzip\r\n"), head);
            assertTrue(head.contains("Transfer-Encoding: chunked\r\n"), head);
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            // The second event is only written after this decodes the first, so the first must be
            // complete deflate output on its own, before the gzip stream ends.
            while (!inflated(gz.toByteArray()).equals("data: one\n\n")) {
                assertTrue(readChunk(in, gz), "the stream ended before the first event decoded");
            }
            FIRST_EVENT_DECODED.countDown();
            while (readChunk(in, gz)) {
                // until the last chunk
            }
            assertEquals("data: one\n\ndata: two\n\n", new String(gunzip(gz.toByteArray()), StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the head: " + sb);
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** Appends one chunk's data (RFC 9112 §7.1); false at the last chunk. */
    private static boolean readChunk(InputStream in, ByteArrayOutputStream to) throws IOException {
        String line = readLine(in);
        int semi = line.indexOf(';');
        int size = Integer.parseInt(semi < 0 ? line : line.substring(0, semi), 16);
        if (size == 0) {
            readLine(in);
            return false;
        }
        to.write(in.readNBytes(size));
        assertEquals("", readLine(in));
        return true;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed mid-line");
            }
            sb.append((char) b);
        }
        return sb.toString().strip();
    }

    /** What can be inflated from a gzip stream received so far (header of 10 bytes skipped). */
    private static String inflated(byte[] gz) throws DataFormatException {
        if (gz.length <= 10) {
            return "";
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gz, 10, gz.length - 10);
            byte[] out = new byte[4096];
            int n = inflater.inflate(out);
            return new String(out, 0, n, StandardCharsets.UTF_8);
        } finally {
            inflater.end();
        }
    }

    @Test
    void unknownTodoIs404NotAPreconditionFailure() {
        given().header("If-Match", "\"1\"").contentType("application/json").body("{\"title\":\"x\"}")
                .put("/todos/99").then().statusCode(404);
        assertNull(STORE.get(99L));
    }
}
