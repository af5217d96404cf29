package dev.wisp.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An HTTP response as a value: status, headers and a {@link Body}. Build one with the static
 * factories and refine it with the {@code with…} copies; a handler never touches the socket.
 *
 * <p>Framing belongs to the server. {@code Content-Length}, {@code Transfer-Encoding},
 * {@code Connection}, {@code Keep-Alive}, {@code TE}, {@code Trailer} and {@code Upgrade} set here
 * are dropped and replaced by what the server computes from the body (RFC 9110 §7.6.1), with one
 * exception: {@code Connection: close} is honoured by closing the connection after this response.
 * {@code Date} is added by the server unless present.
 *
 * <p>Status 101 is the one interim status a handler may answer, and only as
 * {@link #webSocket(WebSocketHandler) webSocket(…)}: a WebSocket route returns a value like any
 * other, so middleware (authentication, request ids, access logs) wraps it unchanged.
 */
public record Response(int status, Headers headers, Body body) {
    private static final Body EMPTY = new Body.Empty();
    static final String TEXT_UTF8 = "text/plain; charset=utf-8";
    // Shared, since Headers are immutable: the common responses cost no header allocation.
    private static final Headers TEXT_HEADERS = Headers.of("Content-Type", TEXT_UTF8);
    private static final Headers OCTET_HEADERS = Headers.of("Content-Type", "application/octet-stream");

    public Response {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (body instanceof Body.WebSocket ? status != 101 : status < 200 || status > 999) {
            throw new IllegalArgumentException(body instanceof Body.WebSocket
                    ? "A WebSocket response has status 101, got " + status
                    : "Response status must be a final status 200..999 (interim 1xx responses are sent by the server; 101 only as Response.webSocket), got " + status);
        }
    }

    /** An empty response with this status. */
    public static Response status(int status) {
        return new Response(status, Headers.empty(), EMPTY);
    }

    /** 200 with {@code text/plain; charset=utf-8}. */
    public static Response text(String text) {
        return text(200, text);
    }

    public static Response text(int status, String text) {
        return new Response(status, TEXT_HEADERS,
                new Body.Bytes(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** 200 with {@code application/octet-stream}; the array is not copied. */
    public static Response bytes(byte[] bytes) {
        return new Response(200, OCTET_HEADERS, new Body.Bytes(bytes));
    }

    /** 200 with the given content type; the array is not copied. */
    public static Response bytes(byte[] bytes, String contentType) {
        return new Response(200, Headers.of("Content-Type", contentType), new Body.Bytes(bytes));
    }

    /** 200 with a body written on demand (chunked on HTTP/1.1). */
    public static Response stream(String contentType, BodyWriter writer) {
        return new Response(200, Headers.of("Content-Type", contentType), new Body.Stream(writer));
    }

    /** 200 with a whole file; its size is read now. */
    public static Response file(Path path, String contentType) {
        try {
            return new Response(200, Headers.of("Content-Type", contentType), new Body.File(path, 0, Files.size(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + path, e);
        }
    }

    /**
     * Accepts a WebSocket handshake with {@link WebSocketConfig#defaults()}: the server checks the
     * request (RFC 6455 §4.2.1: 400, 403 for a refused origin, 405, 426 with
     * {@code Sec-WebSocket-Version: 13}), answers {@code 101 Switching Protocols} with the headers
     * added to this response plus its own ({@code Upgrade}, {@code Connection},
     * {@code Sec-WebSocket-Accept}, subprotocol, extensions), then runs {@code handler} on the
     * connection's thread. The request's body must be empty.
     */
    public static Response webSocket(WebSocketHandler handler) {
        return webSocket(handler, WebSocketConfig.defaults());
    }

    /** {@link #webSocket(WebSocketHandler)} with these limits, origins and subprotocols. */
    public static Response webSocket(WebSocketHandler handler, WebSocketConfig config) {
        return new Response(101, Headers.empty(), new Body.WebSocket(handler, config));
    }

    public Response withStatus(int status) {
        return new Response(status, headers, body);
    }

    /** A copy with this header added (other values of the same name are kept). */
    public Response withHeader(String name, String value) {
        return new Response(status, headers.with(name, value), body);
    }

    /** A copy where {@code name} has exactly this value. */
    public Response withOnlyHeader(String name, String value) {
        return new Response(status, headers.withOnly(name, value), body);
    }

    public Response withHeaders(Headers headers) {
        return new Response(status, headers, body);
    }

    public Response withBody(Body body) {
        return new Response(status, headers, body);
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The body as text, for tests and logging; a stream or file body gives an empty string. */
    public String bodyText() {
        return body instanceof Body.Bytes b ? new String(b.bytes(), StandardCharsets.UTF_8) : "";
    }
}
