package dev.wisp.server.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wisp.server.Attributes;
import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.WebSocketConfig;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The opening handshake (RFC 6455 §4.2) as a pure function. */
class HandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // §1.3's sample nonce
    private static final WebSocketConfig CONFIG = WebSocketConfig.defaults();

    private static Headers valid() {
        return Headers.of("Host", "server.example.com", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", KEY, "Sec-WebSocket-Version", "13");
    }

    private static Request request(String method, String version, Headers headers) {
        return new Request(method, "/chat", "/chat", "/chat", "", version, headers,
                dev.wisp.server.ConnectionInfo.plain(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 8080)),
                InputStream.nullInputStream(), Attributes.empty());
    }

    private static Handshake.Result check(Headers headers) {
        return Handshake.check(request("GET", "HTTP/1.1", headers), CONFIG);
    }

    @Test
    void acceptsTheRfcExample() {
        // §1.3: this key's accept value is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.acceptKey(KEY));
        Handshake.Accept a = assertInstanceOf(Handshake.Accept.class, check(valid()));
        assertEquals(Headers.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), a.headers());
        assertNull(a.subprotocol());
        assertNull(a.deflate());
    }

    @Test
    void acceptsTokenListsInAnyCase() {
        Headers h = valid().withOnly("Connection", "keep-alive, UPGRADE").withOnly("Upgrade", "h2c, WebSocket");
        assertInstanceOf(Handshake.Accept.class, check(h));
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("no Upgrade", valid().without("Upgrade"), 400),
                Arguments.of("Upgrade not websocket", valid().withOnly("Upgrade", "h2c"), 400),
                Arguments.of("no Connection upgrade", valid().withOnly("Connection", "keep-alive"), 400),
                Arguments.of("no key", valid().without("Sec-WebSocket-Key"), 400),
                Arguments.of("two keys", valid().with("Sec-WebSocket-Key", KEY), 400),
                Arguments.of("key of 15 bytes", valid().withOnly("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAA"), 400),
                Arguments.of("key without padding", valid().withOnly("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ"), 400),
                Arguments.of("key with stray bits", valid().withOnly("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZR=="), 400),
                Arguments.of("key not base64", valid().withOnly("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25j*Q=="), 400),
                Arguments.of("no version", valid().without("Sec-WebSocket-Version"), 426),
                Arguments.of("version 8", valid().withOnly("Sec-WebSocket-Version", "8"), 426),
                Arguments.of("two versions", valid().with("Sec-WebSocket-Version", "13"), 426),
                Arguments.of("foreign origin", valid().with("Origin", "https://evil.example"), 403),
                Arguments.of("origin on another port", valid().with("Origin", "http://server.example.com:8080"), 403),
                Arguments.of("null origin", valid().with("Origin", "null"), 403),
                Arguments.of("two origins", valid().with("Origin", "http://server.example.com").with("Origin", "http://server.example.com"), 403));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("rejections")
    void rejects(String name, Headers headers, int status) {
        Handshake.Reject r = assertInstanceOf(Handshake.Reject.class, check(headers));
        assertEquals(status, r.status());
        if (status == 426) {
            assertEquals("13", r.headers().get("Sec-WebSocket-Version")); // §4.4
        }
    }

    @Test
    void rejectsOtherMethodsAndVersions() {
        Handshake.Reject post = assertInstanceOf(Handshake.Reject.class, Handshake.check(request("POST", "HTTP/1.1", valid()), CONFIG));
        assertEquals(405, post.status());
        assertEquals("GET", post.headers().get("Allow"));
        Handshake.Reject old = assertInstanceOf(Handshake.Reject.class, Handshake.check(request("GET", "HTTP/1.0", valid()), CONFIG));
        assertEquals(400, old.status());
    }

    @Test
    void allowsSameOriginNoOriginAndConfiguredOrigins() {
        assertInstanceOf(Handshake.Accept.class, check(valid().with("Origin", "http://server.example.com")));
        assertInstanceOf(Handshake.Accept.class, check(valid().with("Origin", "https://SERVER.example.com:443")
                .withOnly("Host", "server.example.com")));
        assertInstanceOf(Handshake.Accept.class, check(valid().withOnly("Host", "[::1]:8080").with("Origin", "http://[::1]:8080")));
        Request foreign = request("GET", "HTTP/1.1", valid().with("Origin", "https://app.example"));
        assertInstanceOf(Handshake.Accept.class, Handshake.check(foreign, CONFIG.withAllowedOrigins("https://app.example")));
        assertInstanceOf(Handshake.Accept.class, Handshake.check(foreign, CONFIG.withAllowedOrigins("*")));
        assertInstanceOf(Handshake.Reject.class, Handshake.check(foreign, CONFIG.withAllowedOrigins("https://other.example")));
    }

    @Test
    void choosesTheClientsFirstSupportedSubprotocol() {
        Request r = request("GET", "HTTP/1.1", valid().with("Sec-WebSocket-Protocol", "chat.v2, chat.v1").with("Sec-WebSocket-Protocol", "x"));
        Handshake.Accept a = assertInstanceOf(Handshake.Accept.class, Handshake.check(r, CONFIG.withSubprotocols("x", "chat.v1")));
        assertEquals("chat.v1", a.subprotocol());
        assertEquals("chat.v1", a.headers().get("Sec-WebSocket-Protocol"));
        Handshake.Accept none = assertInstanceOf(Handshake.Accept.class, Handshake.check(r, CONFIG.withSubprotocols("mqtt")));
        assertNull(none.subprotocol());
        assertNull(none.headers().get("Sec-WebSocket-Protocol"));
    }

    @Test
    void negotiatesPermessageDeflateWhenEnabled() {
        Headers h = valid().with("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        Handshake.Accept a = assertInstanceOf(Handshake.Accept.class, check(h));
        assertEquals("permessage-deflate", a.headers().get("Sec-WebSocket-Extensions"));
        Handshake.Accept off = assertInstanceOf(Handshake.Accept.class,
                Handshake.check(request("GET", "HTTP/1.1", h), CONFIG.withPermessageDeflate(false)));
        assertNull(off.deflate());
        assertNull(off.headers().get("Sec-WebSocket-Extensions"));
    }
}
