package dev.wisp.web.testing;

import dev.wisp.server.Attributes;
import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.PercentEncoding;
import dev.wisp.server.Request;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds a {@link Request} as the server would hand it to a handler, for tests with no network:
 * <pre>{@code
 * TestResponse res = TestRequest.post("/todos").json("{\"title\":\"milk\"}").send(app);
 * res.assertStatus(201).assertHeader("Location", "/todos/1");
 * }</pre>
 *
 * <p>The target is split and decoded like the server does it (raw path, decoded path, raw query);
 * {@code Host: localhost} is added unless set, and {@code Content-Length} when there is a body.
 * The remote address is 127.0.0.1:40000 and the local one 127.0.0.1:8080 unless changed. Mutable
 * and not thread-safe; each {@link #build()} gives a fresh request with a fresh body stream.
 */
public final class TestRequest {
    private final String method;
    private final String target;
    private Headers headers = Headers.empty();
    private byte[] body = new byte[0];
    private String version = "HTTP/1.1";
    private InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
    private InetSocketAddress local = new InetSocketAddress("127.0.0.1", 8080);
    private String scheme = "http";

    private TestRequest(String method, String target) {
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        if (!target.startsWith("/") && !target.equals("*")) {
            throw new IllegalArgumentException("TestRequest target must start with '/' (origin-form, like '/todos?page=2') or be '*', got '" + target + "'");
        }
    }

    public static TestRequest of(String method, String target) {
        return new TestRequest(method, target);
    }

    public static TestRequest get(String target) {
        return of("GET", target);
    }

    public static TestRequest head(String target) {
        return of("HEAD", target);
    }

    public static TestRequest post(String target) {
        return of("POST", target);
    }

    public static TestRequest put(String target) {
        return of("PUT", target);
    }

    public static TestRequest patch(String target) {
        return of("PATCH", target);
    }

    public static TestRequest delete(String target) {
        return of("DELETE", target);
    }

    public static TestRequest options(String target) {
        return of("OPTIONS", target);
    }

    /** Adds a header line (a repeated name adds another line). */
    public TestRequest header(String name, String value) {
        headers = headers.with(name, value);
        return this;
    }

    public TestRequest body(byte[] body) {
        this.body = body.clone();
        return this;
    }

    /** A UTF-8 text body; set the Content-Type yourself. */
    public TestRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON body with {@code Content-Type: application/json}. */
    public TestRequest json(String json) {
        return header("Content-Type", "application/json").body(json);
    }

    /** A form body ({@code a=1&b=two}) with {@code Content-Type: application/x-www-form-urlencoded}. */
    public TestRequest form(String encoded) {
        return header("Content-Type", "application/x-www-form-urlencoded").body(encoded);
    }

    public TestRequest version(String version) {
        this.version = version;
        return this;
    }

    public TestRequest remote(InetSocketAddress remote) {
        this.remote = remote;
        return this;
    }

    /** {@code http} (the default) or {@code https}. */
    public TestRequest scheme(String scheme) {
        this.scheme = scheme;
        return this;
    }

    public TestRequest local(InetSocketAddress local) {
        this.local = local;
        return this;
    }

    /** The request. Throws {@link IllegalArgumentException} if the target's path is badly encoded. */
    public Request build() {
        String rawPath;
        String query;
        if (target.equals("*")) {
            rawPath = "*";
            query = "";
        } else {
            int q = target.indexOf('?');
            rawPath = q < 0 ? target : target.substring(0, q);
            query = q < 0 ? "" : target.substring(q + 1);
        }
        String path = rawPath.equals("*") ? "*" : PercentEncoding.decodePath(rawPath);
        Headers h = headers;
        if (!h.contains("Host")) {
            Headers withHost = Headers.of("Host", "localhost");
            for (int i = 0; i < h.size(); i++) {
                withHost = withHost.with(h.name(i), h.value(i));
            }
            h = withHost;
        }
        if (body.length > 0 && !h.contains("Content-Length") && !h.contains("Transfer-Encoding")) {
            h = h.with("Content-Length", Integer.toString(body.length));
        }
        return new Request(method, target, rawPath, path, query, version, h, new ConnectionInfo(scheme, remote, local, null),
                new ByteArrayInputStream(body), Attributes.empty());
    }

    /** Builds the request, calls {@code handler} with it, and wraps the response. */
    public TestResponse send(Handler handler) throws Exception {
        Request request = build();
        return new TestResponse(request, handler.handle(request));
    }
}
