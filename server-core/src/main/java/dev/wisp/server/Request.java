package dev.wisp.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as a value, handed to a {@link Handler}.
 *
 * @param method        the method token, case-sensitive as sent ({@code GET}, {@code POST} …)
 * @param target        the request-target exactly as sent (origin-form {@code /a/b?x=1}, absolute-form
 *                      {@code http://host/a}, or {@code *}); RFC 9112 §3.2
 * @param rawPath       the path of the target, still percent-encoded
 * @param path          the path, percent-decoded as UTF-8 ({@link PercentEncoding#decodePath}); not
 *                      normalised: {@code ..} segments are left for the application (the
 *                      framework's static files reject them)
 * @param query         the raw query after {@code ?}, without it; empty when there is none
 * @param version       {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2}
 * @param headers       the header fields in the order received
 * @param connection    the connection it arrived on: scheme, addresses, TLS
 * @param body          the message body; ends exactly where the body ends (Content-Length or
 *                      de-chunked) and never reads past it; empty when the request has none. Bounded
 *                      by the server's body limit: reading past it throws an
 *                      {@link HttpProtocolException} with status 413. Valid until the response has
 *                      been written.
 * @param attributes    data attached by layers above the core (route parameters, a request id)
 */
public record Request(
        String method,
        String target,
        String rawPath,
        String path,
        String query,
        String version,
        Headers headers,
        ConnectionInfo connection,
        InputStream body,
        Attributes attributes) {

    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** {@code http} or {@code https}: how the request reached the server (or a trusted proxy). */
    public String scheme() {
        return connection.scheme();
    }

    /** The peer's address (or the client's, as a trusted proxy reports it). */
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** The address the connection was accepted on. */
    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    /** The TLS handshake's outcome: protocol, cipher suite, ALPN, SNI, client certificates; empty on plain HTTP. */
    public Optional<TlsInfo> tls() {
        return connection.tls();
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The whole body. Bounded by the server's body limit (413 past it); call it once. */
    public byte[] bytes() throws IOException {
        return body.readAllBytes();
    }

    /** The whole body as text, in the charset named by {@code Content-Type} or else UTF-8. */
    public String text() throws IOException {
        return new String(bytes(), charset());
    }

    /**
     * The charset the {@code charset} parameter of {@code Content-Type} names (RFC 9110 §8.3.1);
     * UTF-8 when there is none, when the JVM does not know it, or when the field is not a valid
     * media type.
     */
    private Charset charset() {
        return MediaType.parse(headers.get("Content-Type"))
                .map(type -> type.charset(StandardCharsets.UTF_8))
                .orElse(StandardCharsets.UTF_8);
    }

    /** The attribute for {@code key}, or {@code null}. */
    public <T> T attribute(AttributeKey<T> key) {
        return attributes.get(key);
    }

    /** A copy with one attribute set; {@code null} removes it. */
    public <T> Request withAttribute(AttributeKey<T> key, T value) {
        return new Request(method, target, rawPath, path, query, version, headers, connection, body,
                attributes.with(key, value));
    }

    /** A copy seen under another path, for mounting an application below a prefix. */
    public Request withPath(String rawPath, String path) {
        return new Request(method, target, rawPath, path, query, version, headers, connection, body,
                attributes);
    }

    public Request withHeaders(Headers headers) {
        return new Request(method, target, rawPath, path, query, version, headers, connection, body,
                attributes);
    }

    /** A copy with other connection facts, e.g. the client's address and scheme as a trusted proxy reports them. */
    public Request withConnection(ConnectionInfo connection) {
        return new Request(method, target, rawPath, path, query, version, headers, connection, body, attributes);
    }

    public Request withBody(InputStream body) {
        return new Request(method, target, rawPath, path, query, version, headers, connection, body,
                attributes);
    }

    @Override
    public String toString() {
        return "Request[" + method + " " + target + " " + version + "]";
    }
}
