package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.testing.TestRequest;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forwarded headers: believed only from trusted proxies, walked from the right (RFC 7239 §8.1),
 * malformed values ignored. Addresses are shown as {@code host:port} with IPv6 bracketed.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ForwardedHeadersTest {
    /** Trusts the loopback proxy and an internal network of proxies. */
    private static final ForwardedHeaders FORWARDED = ForwardedHeaders.trusting("127.0.0.0/8", "::1", "10.0.0.0/8", "fd00::/8");

    private static Request from(String peer, String... headers) {
        TestRequest t = TestRequest.get("/").remote(new InetSocketAddress(peer, 40000));
        for (int i = 0; i < headers.length; i += 2) {
            t.header(headers[i], headers[i + 1]);
        }
        return t.build();
    }

    private static String address(Request r) {
        InetSocketAddress a = r.remoteAddress();
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Forwarded: header value → the client address, scheme and Host the app sees, from a trusted peer. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // RFC 7239 §4 and §7.5 examples
            "for=192.0.2.43                                            | 192.0.2.43:0     | http  | localhost",
            "for=192.0.2.43;proto=https;host=example.com               | 192.0.2.43:0     | https | example.com",
            "For=\"[2001:db8:cafe::17]:4711\"                          | [2001:db8:cafe:0:0:0:0:17]:4711 | http | localhost",
            "for=\"[2001:db8::1]:4711\";proto=HTTPS                    | [2001:db8:0:0:0:0:0:1]:4711 | https | localhost",
            "for=192.0.2.60;proto=http;by=203.0.113.43                 | 192.0.2.60:0     | http  | localhost",
            "for=\"192.0.2.43:8443\";host=\"example.com:8443\"         | 192.0.2.43:8443  | http  | example.com:8443",
            // chains: from the right, past trusted proxies, stop at the first untrusted address
            "for=192.0.2.43, for=198.51.100.17                         | 198.51.100.17:0  | http  | localhost",
            "for=192.0.2.43;proto=https, for=10.1.1.1;proto=http       | 192.0.2.43:0     | https | localhost",
            "for=6.6.6.6, for=192.0.2.43;proto=https, for=10.0.0.2     | 192.0.2.43:0     | https | localhost",
            "for=10.0.0.9, for=10.0.0.8                                | 10.0.0.9:0       | http  | localhost",
            "for=\"[fd00::2]\";proto=https, for=\"[fd00::1]\"          | [fd00:0:0:0:0:0:0:2]:0 | https | localhost",
            // obfuscated and unknown nodes stop the walk; the proxy that hid it is the last address we know
            "for=_hidden;proto=https, for=10.0.0.2                     | 10.0.0.2:0       | https | localhost",
            "for=192.0.2.43, for=unknown;proto=https                   | 127.0.0.1:40000  | https | localhost",
            "for=\"_gazonk:_p0rt\"                                     | 127.0.0.1:40000  | http  | localhost",
            // whitespace around separators, empty list elements and pairs, extensions, case
            "for=192.0.2.43 ; proto=https ,, for=10.0.0.1              | 192.0.2.43:0     | https | localhost",
            ";for=192.0.2.43;;ext=\"a\\\"b\"                           | 192.0.2.43:0     | http  | localhost",
            // malformed chains are ignored as a whole
            "for=192.0.2.43;for=198.51.100.1                           | 127.0.0.1:40000  | http  | localhost",
            "for=[2001:db8::1]                                         | 127.0.0.1:40000  | http  | localhost",
            "for=\"[2001:db8::1\"                                      | 127.0.0.1:40000  | http  | localhost",
            "for=\"192.0.2.43:99999\"                                  | 127.0.0.1:40000  | http  | localhost",
            "for=example.com                                           | 127.0.0.1:40000  | http  | localhost",
            "for=192.0.2.043                                           | 127.0.0.1:40000  | http  | localhost",
            "for=\"unterminated                                        | 127.0.0.1:40000  | http  | localhost",
            "proto=https                                               | 127.0.0.1:40000  | http  | localhost",
            "for=1.2.3.4 garbage                                       | 127.0.0.1:40000  | http  | localhost",
            "for=_                                                     | 127.0.0.1:40000  | http  | localhost",
            // a bad proto or host alone is ignored, the address still applies
            "for=192.0.2.43;proto=gopher;host=\"evil.com/path\"        | 192.0.2.43:0     | http  | localhost",
            "for=192.0.2.43;host=\"a b\"                               | 192.0.2.43:0     | http  | localhost",
            "for=192.0.2.43;host=\"[::1]:8080\"                        | 192.0.2.43:0     | http  | [::1]:8080",
    })
    void believesForwardedFromATrustedPeer(String header, String client, String scheme, String host) {
        Request r = FORWARDED.apply(from("127.0.0.1", "Forwarded", header));
        assertEquals(client, address(r), header);
        assertEquals(scheme, r.scheme(), header);
        assertEquals(host, r.header("Host"), header);
    }

    /** X-Forwarded-For/-Proto/-Host from a trusted peer. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "192.0.2.43                           | -              | -                | 192.0.2.43:0      | http  | localhost",
            "192.0.2.43, 10.0.0.1                 | https          | example.com      | 192.0.2.43:0      | https | example.com",
            "6.6.6.6, 192.0.2.43, 10.0.0.1        | HTTPS          | example.com:8443 | 192.0.2.43:0      | https | example.com:8443",
            "2001:db8::1                          | -              | -                | [2001:db8:0:0:0:0:0:1]:0 | http | localhost",
            "[2001:db8::1]:4711                   | -              | -                | [2001:db8:0:0:0:0:0:1]:4711 | http | localhost",
            "192.0.2.43:5555                      | -              | -                | 192.0.2.43:5555   | http  | localhost",
            "unknown, 10.0.0.1                    | -              | -                | 10.0.0.1:0        | http  | localhost",
            "192.0.2.43,                          | -              | -                | 192.0.2.43:0      | http  | localhost",
            // malformed: the chain is ignored; proto and host lists are ambiguous and ignored
            "192.0.2.43, not-an-ip                | https          | -                | 127.0.0.1:40000   | https | localhost",
            "999.0.2.43                           | -              | -                | 127.0.0.1:40000   | http  | localhost",
            "192.0.2.43                           | 'https, http'  | 'a.com, b.com'   | 192.0.2.43:0      | http  | localhost",
            "192.0.2.43                           | ftp            | 'evil.com\\@x'   | 192.0.2.43:0      | http  | localhost",
    })
    void believesXForwardedFromATrustedPeer(String xff, String proto, String xfHost, String client, String scheme, String host) {
        TestRequest t = TestRequest.get("/").remote(new InetSocketAddress("127.0.0.1", 40000)).header("X-Forwarded-For", xff);
        if (proto != null) {
            t.header("X-Forwarded-Proto", proto);
        }
        if (xfHost != null) {
            t.header("X-Forwarded-Host", xfHost);
        }
        Request r = FORWARDED.apply(t.build());
        assertEquals(client, address(r), xff);
        assertEquals(scheme, r.scheme(), xff);
        assertEquals(host, r.header("Host"), xff);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "203.0.113.7", "11.0.0.1", "2001:db8::1", "fe00::1"})
    void ignoresEverythingFromAnUntrustedPeerButLeavesItVisible(String peer) {
        Request in = from(peer, "Forwarded", "for=1.2.3.4;proto=https;host=evil.com",
                "X-Forwarded-For", "1.2.3.4", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.com",
                "X-Forwarded-Prefix", "/evil");
        Request out = FORWARDED.apply(in);
        assertSame(in, out, "an untrusted peer's request passes through unchanged");
        assertEquals("for=1.2.3.4;proto=https;host=evil.com", out.header("Forwarded"), "the evidence stays visible");
    }

    @Test
    void defaultTrustsOnlyLoopback() {
        ForwardedHeaders loopback = ForwardedHeaders.trustingLoopback();
        assertEquals("192.0.2.43:0", address(loopback.apply(from("127.0.0.1", "X-Forwarded-For", "192.0.2.43"))));
        assertEquals("192.0.2.43:0", address(loopback.apply(from("::1", "X-Forwarded-For", "192.0.2.43"))));
        assertEquals("[0:0:0:0:0:0:0:1]:0", address(loopback.apply(from("::1", "X-Forwarded-For", "::1"))));
        assertEquals("10.0.0.1:40000", address(loopback.apply(from("10.0.0.1", "X-Forwarded-For", "192.0.2.43"))));
    }

    @Test
    void forwardedWinsOverXForwarded() {
        Request r = FORWARDED.apply(from("127.0.0.1", "Forwarded", "for=192.0.2.1", "X-Forwarded-For", "192.0.2.2",
                "X-Forwarded-Proto", "https"));
        assertEquals("192.0.2.1:0", address(r));
        assertEquals("http", r.scheme());
    }

    @Test
    void severalForwardedFieldsFormOneList() {
        // RFC 9110 §5.3: repeated fields are one comma-separated list, in order.
        Request r = FORWARDED.apply(from("127.0.0.1", "Forwarded", "for=6.6.6.6", "Forwarded", "for=192.0.2.43;proto=https",
                "Forwarded", "for=10.0.0.3"));
        assertEquals("192.0.2.43:0", address(r));
        assertEquals("https", r.scheme());
    }

    @Test
    void tooManyHopsAreIgnored() {
        String chain = "10.0.0.1, ".repeat(ForwardedParser.MAX_HOPS) + "10.0.0.2";
        assertEquals("127.0.0.1:40000", address(FORWARDED.apply(from("127.0.0.1", "X-Forwarded-For", chain))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "/app              | /app",
            "/app/             | /app",
            "/a/b%20c/d        | /a/b%20c/d",
            "/~user:x@y        | /~user:x@y",
            "/                 | -",
            "app               | -",
            "/a//b             | -",
            "/a/../b           | -",
            "/a/./b            | -",
            "/a/%2e%2E/b       | -",
            "/a%2fb            | -",
            "/a%zz             | -",
            "/a%2              | -",
            "/a b              | -",
            "/a;b              | -",
            "'/a,/b'           | -",
            "/a?b              | -",
            "/a#b              | -",
    })
    void prefixBecomesTheBasePathWhenItIsAPlainPath(String header, String basePath) {
        Request r = FORWARDED.apply(from("127.0.0.1", "X-Forwarded-Prefix", header));
        assertEquals(basePath, r.attribute(App.BASE_PATH), header);
    }

    @Test
    void prefixGoesInFrontOfAnExistingBasePath() {
        Request in = from("127.0.0.1", "X-Forwarded-Prefix", "/edge").withAttribute(App.BASE_PATH, "/api");
        assertEquals("/edge/api", FORWARDED.apply(in).attribute(App.BASE_PATH));
    }

    @Test
    void redirectsBehindAProxyCarryThePrefix() throws Exception {
        App app = App.create().use(FORWARDED).redirectTrailingSlash(true).get("/todos/", req -> "list");
        TestRequest.get("/todos").remote(new InetSocketAddress("127.0.0.1", 1)).header("X-Forwarded-Prefix", "/shop")
                .send(app).assertStatus(308).assertHeader("Location", "/shop/todos/");
    }

    @Test
    void appAndAccessLogSeeTheClient() throws Exception {
        App app = App.create().use(FORWARDED)
                .get("/who", req -> req.request().remoteAddress().getAddress().getHostAddress() + " "
                        + req.request().scheme() + " " + req.header("Host"));
        TestRequest.get("/who").remote(new InetSocketAddress("127.0.0.1", 1))
                .header("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https;host=shop.example")
                .send(app).assertStatus(200).assertBody("2001:db8:0:0:0:0:0:1 https shop.example");
    }

    @Test
    void neverFailsTheRequest() throws Exception {
        Response r = FORWARDED.wrap(req -> Response.text("ok")).handle(from("127.0.0.1", "Forwarded", "\t\"\\\u00ff",
                "X-Forwarded-For", ",,,::::", "X-Forwarded-Host", "\u00ff", "X-Forwarded-Prefix", "%"));
        assertEquals(200, r.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "proxy.internal", "10.0.0.1/8"})
    void refusesAnInvalidTrustList(String block) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ForwardedHeaders.trusting(block));
    }

    @Test
    void hostCheck() {
        assertEquals(true, ForwardedHeaders.isValidHost("example.com"));
        assertEquals(true, ForwardedHeaders.isValidHost("example.com:65535"));
        assertEquals(false, ForwardedHeaders.isValidHost("example.com:65536"));
        assertEquals(false, ForwardedHeaders.isValidHost("example.com:"));
        assertEquals(false, ForwardedHeaders.isValidHost(":80"));
        assertEquals(false, ForwardedHeaders.isValidHost("[::1"));
        assertEquals(false, ForwardedHeaders.isValidHost("[example]"));
        assertEquals(false, ForwardedHeaders.isValidHost("a\r\nb"));
        assertNull(ForwardedHeaders.prefix(null));
    }
}
