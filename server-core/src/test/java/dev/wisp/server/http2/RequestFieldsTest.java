package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Request;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request validation of RFC 9113 §8.2–8.3, from decoded fields to the core's {@link Request}. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestFieldsTest {
    private static final String GET = ":method|GET|:scheme|https|:authority|example.com|:path|/a%20b?x=1";

    /** Fields as "name|value|name|value…"; "\\n" stands for LF, "\\0" for NUL. */
    private static FieldList fields(String spec) {
        String[] parts = spec.replace("\\n", "\n").replace("\\0", "\0").split("\\|", -1);
        FieldList list = new FieldList();
        for (int i = 0; i < parts.length; i += 2) {
            list.add(parts[i], parts[i + 1]);
        }
        return list;
    }

    @Test
    void buildsTheRequestAHandlerSees() throws Exception {
        RequestFields r = RequestFields.of(fields(GET + "|accept|*/*|cookie|a=1|cookie|b=2|content-length|0"), 1);
        Request request = r.toRequest(dev.wisp.server.ConnectionInfo.plain(new java.net.InetSocketAddress("127.0.0.1", 1), new java.net.InetSocketAddress("127.0.0.1", 2)), InputStream.nullInputStream(), dev.wisp.server.Attributes.empty());
        assertEquals("GET", request.method());
        assertEquals("/a%20b?x=1", request.target());
        assertEquals("/a%20b", request.rawPath());
        assertEquals("/a b", request.path());
        assertEquals("x=1", request.query());
        assertEquals("HTTP/2", request.version());
        assertEquals("example.com", request.header("Host"), ":authority becomes Host");
        assertEquals("a=1; b=2", request.header("Cookie"), "cookie crumbs joined (§8.2.3)");
        assertEquals(Headers.of("accept", "*/*", "content-length", "0", "host", "example.com", "cookie", "a=1; b=2"), request.headers());
        assertEquals(0, r.contentLength());
        assertEquals("https", r.scheme());
    }

    @Test
    void acceptsHostThatAgreesAndOptionsStar() throws Exception {
        assertEquals("example.com", RequestFields.of(fields(GET + "|host|EXAMPLE.com"), 1).authority());
        assertEquals("*", RequestFields.of(fields(":method|OPTIONS|:scheme|http|:path|*"), 1).parsedTarget().path());
        assertEquals(-1, RequestFields.of(fields(":method|GET|:scheme|http|:path|/|host|h"), 1).contentLength());
        assertEquals("h:443", RequestFields.of(fields(":method|CONNECT|:authority|h:443"), 1).target());
        assertEquals("trailers", RequestFields.of(fields(GET + "|te|trailers"), 1).headers().get("te"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ":scheme|https|:path|/",                             // no :method
            ":method|GET|:path|/",                               // no :scheme
            ":method|GET|:scheme|https",                         // no :path
            ":method|GET|:scheme|https|:path|",                  // empty :path
            ":method|GET|:method|GET|:scheme|https|:path|/",     // repeated
            ":method|GET|:scheme|https|:path|/|:status|200",     // response pseudo-header
            ":method|GET|:scheme|https|:path|/|:protocol|ws",    // unknown pseudo-header
            ":method|GET|:scheme|https|accept|*/*|:path|/",      // pseudo after regular
            ":method|G T|:scheme|https|:path|/",                 // method not a token
            ":method|GET|:scheme|https|:path|a/b",               // not origin-form
            ":method|GET|:scheme|https|:path|*",                 // * without OPTIONS
            ":method|GET|:scheme|https|:path|/a b",              // space in :path
            ":method|CONNECT|:authority|h:443|:path|/",          // CONNECT with :path
            ":method|CONNECT",                                   // CONNECT without :authority
            GET + "|Accept|*/*",                                 // upper case
            GET + "|acc ept|*/*",                                // not a token
            GET + "||x",                                         // empty name
            GET + "|connection|keep-alive",
            GET + "|keep-alive|5",
            GET + "|proxy-connection|x",
            GET + "|transfer-encoding|chunked",
            GET + "|upgrade|h2c",
            GET + "|te|gzip",
            GET + "|x|a\\nb",                                   // LF in a value
            GET + "|x|a\\0b",                                   // NUL in a value
            GET + "|x| a",                                       // leading space
            GET + "|x|a\t",                                      // trailing tab
            GET + "|host|other.example",                         // :authority and host disagree
            GET + "|host|example.com|host|example.com",          // two hosts
            ":method|GET|:scheme|https|:authority|u@h|:path|/",  // userinfo
            GET + "|content-length|1x",
            GET + "|content-length|1|content-length|2",
            GET + "|content-length|",
    })
    void malformedRequestsAreStreamProtocolErrors(String spec) {
        Http2Exception e = assertThrows(Http2Exception.class, () -> RequestFields.of(fields(spec), 9), spec);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertFalse(e.isConnectionError());
        assertEquals(9, e.streamId());
    }

    @Test
    void aBadPercentEscapeIsA400AsOnHttp1() {
        HttpProtocolException e = assertThrows(HttpProtocolException.class,
                () -> RequestFields.of(fields(":method|GET|:scheme|https|:path|/a%zz"), 1));
        assertEquals(400, e.status());
    }
}
