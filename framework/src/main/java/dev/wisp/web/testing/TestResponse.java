package dev.wisp.web.testing;

import dev.wisp.server.Body;
import dev.wisp.server.Headers;
import dev.wisp.server.MediaType;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A handler's response, with the accessors and assertions a test wants. The body is what a client
 * would receive: nothing for a HEAD request or a 204/304, the file's bytes for a file body, the
 * writer's output for a streamed body. Assertions throw {@link AssertionError} with the status and
 * body in the message, and return {@code this} for chaining.
 */
public final class TestResponse {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final Request request;
    private final Response response;
    private byte[] bytes;

    TestResponse(Request request, Response response) {
        this.request = request;
        this.response = Objects.requireNonNull(response, "the handler returned null");
    }

    /** Wraps a response to a GET-like request (its body counts). */
    public static TestResponse of(Response response) {
        return new TestResponse(null, response);
    }

    public Response response() {
        return response;
    }

    public int status() {
        return response.status();
    }

    public String header(String name) {
        return response.header(name);
    }

    public Headers headers() {
        return response.headers();
    }

    public String contentType() {
        return response.header("Content-Type");
    }

    /** The body bytes a client would receive. */
    public byte[] bytes() {
        if (bytes == null) {
            bytes = read();
        }
        return bytes.clone();
    }

    public String text() {
        if (bytes == null) {
            bytes = read();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON (unknown properties ignored, for reading into test records). */
    public <T> T json(Class<T> type) {
        return MAPPER.readValue(text(), type);
    }

    /** The body as a JSON tree. */
    public JsonNode json() {
        return MAPPER.readTree(text());
    }

    /**
     * Reads the body as a {@code text/event-stream}, as it is produced: a streamed body's writer
     * runs on a virtual thread and every event it sends shows up in the returned
     * {@link SseEvents} at once, so a test can read events from a stream that never ends.
     * Closing the {@code SseEvents} acts as the client going away: the writer's next write or
     * flush fails with an {@link IOException}, which a {@code dev.wisp.web.sse} stream reports as
     * a closed sink. A body of another kind is parsed whole. Call at most once, and not together
     * with {@link #bytes()} or {@link #text()}.
     */
    public SseEvents events() {
        StreamFeed feed = new StreamFeed();
        SseEvents events = new SseEvents(feed::hangUp);
        feed.parser = new SseParser(events.listener(), 1 << 20);
        Thread.ofVirtual().name("wisp-test-sse").start(() -> {
            Throwable failure = null;
            try {
                if (response.body() instanceof Body.Stream s && bodyAllowed()) {
                    s.writer().writeTo(feed);
                } else {
                    byte[] all = read();
                    feed.write(all, 0, all.length);
                }
            } catch (IOException | RuntimeException e) {
                failure = feed.hungUp ? null : e;
            } finally {
                events.end(failure);
            }
        });
        return events;
    }

    /** What a streamed body writes goes straight into the parser; after a hang-up writes fail. */
    private static final class StreamFeed extends OutputStream {
        private SseParser parser;
        private volatile boolean hungUp;

        void hangUp() {
            hungUp = true;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (hungUp) {
                throw new IOException("The test client closed the event stream");
            }
            parser.feed(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (hungUp) {
                throw new IOException("The test client closed the event stream");
            }
        }
    }

    public TestResponse assertStatus(int expected) {
        if (response.status() != expected) {
            throw fail("expected status " + expected + " but was " + response.status());
        }
        return this;
    }

    /** Asserts the first value of header {@code name}; {@code null} asserts it is absent. */
    public TestResponse assertHeader(String name, String expected) {
        String actual = response.header(name);
        if (!Objects.equals(actual, expected)) {
            throw fail("expected header " + name + ": " + expected + " but was " + actual);
        }
        return this;
    }

    /** Asserts the content type's media type (before any {@code ;}), case-insensitively. */
    public TestResponse assertContentType(String mediaType) {
        String actual = contentType();
        if (!MediaType.parse(actual).map(m -> m.is(mediaType)).orElse(false)) {
            throw fail("expected content type " + mediaType + " but was " + actual);
        }
        return this;
    }

    public TestResponse assertBody(String expected) {
        if (!text().equals(expected)) {
            throw fail("expected body <" + expected + ">");
        }
        return this;
    }

    public TestResponse assertBodyContains(String part) {
        if (!text().contains(part)) {
            throw fail("expected the body to contain <" + part + ">");
        }
        return this;
    }

    /**
     * Asserts the JSON value at a JSON Pointer ({@code "/items/0/title"}) equals {@code expected}
     * (a string, number, boolean or {@code null}); numbers compare by value.
     */
    public TestResponse assertJson(String pointer, Object expected) {
        JsonNode node = json().at(pointer);
        boolean equal;
        if (expected == null) {
            equal = node.isNull();
        } else if (expected instanceof Number n) {
            equal = node.isNumber() && node.decimalValue().compareTo(new java.math.BigDecimal(n.toString())) == 0;
        } else if (expected instanceof Boolean b) {
            equal = node.isBoolean() && node.booleanValue() == b;
        } else {
            equal = node.isString() && node.stringValue().equals(expected.toString());
        }
        if (!equal) {
            throw fail("expected JSON at " + pointer + " to be " + expected + " but was " + (node.isMissingNode() ? "missing" : node.toString()));
        }
        return this;
    }

    private AssertionError fail(String message) {
        return new AssertionError(message + "\n  response: " + response.status() + " " + response.headers() + "\n  body: " + text());
    }

    private boolean bodyAllowed() {
        return !((request != null && request.method().equals("HEAD"))
                || response.status() == 204 || response.status() == 304);
    }

    private byte[] read() {
        if (!bodyAllowed()) {
            return new byte[0];
        }
        try {
            return switch (response.body()) {
                case Body.Empty e -> new byte[0];
                case Body.WebSocket w -> new byte[0];
                case Body.Bytes b -> b.bytes().clone();
                case Body.Stream s -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    s.writer().writeTo(out);
                    yield out.toByteArray();
                }
                case Body.File f -> {
                    try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
                        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(f.length()));
                        long pos = f.offset();
                        while (buf.hasRemaining() && ch.read(buf, pos) > 0) {
                            pos = f.offset() + buf.position();
                        }
                        yield buf.array();
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the response body", e);
        }
    }

    @Override
    public String toString() {
        return "TestResponse[" + response.status() + " " + response.headers() + "]";
    }
}
