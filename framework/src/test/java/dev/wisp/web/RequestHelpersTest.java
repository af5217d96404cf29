package dev.wisp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.web.testing.TestRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestHelpersTest {

    @Test
    void queryParametersDecodeAndRepeat() throws Exception {
        App app = App.create().get("/q", req -> req.query("name") + "|" + req.queryAll("tag") + "|"
                + req.queryInt("page", 1) + "|" + req.queryInt("size", 20) + "|" + req.queryBoolean("verbose", false)
                + "|" + req.query("missing", "dflt"));
        TestRequest.get("/q?name=Zo%C3%AB+Smith&tag=a&tag=b%26c&page=3&verbose").send(app)
                .assertBody("Zoë Smith|[a, b&c]|3|20|true|dflt");
    }

    @Test
    void badTypedQueryValueIsA400NamingTheParameter() throws Exception {
        App app = App.create().get("/q", req -> req.queryInt("page", 1));
        TestRequest.get("/q?page=two").send(app).assertStatus(400)
                .assertJson("/errors/0/parameter", "page")
                .assertJson("/detail", "Query parameter 'page' must be an integer between -2147483648 and 2147483647");
        App app2 = App.create().get("/q", req -> req.query().requireLong("id"));
        TestRequest.get("/q").send(app2).assertStatus(400).assertJson("/detail", "Query parameter 'id' is required");
    }

    @Test
    void malformedQueryStringIsA400() throws Exception {
        App app = App.create().get("/q", req -> req.query("a"));
        TestRequest.get("/q?a=%ZZ").send(app).assertStatus(400).assertContentType("application/problem+json");
    }

    @Test
    void formBodiesAreDecoded() throws Exception {
        App app = App.create().post("/f", req -> req.form().get("title") + "|" + req.form().all("x"));
        TestRequest.post("/f").form("title=Buy+milk+%26+eggs&x=1&x=2").send(app).assertBody("Buy milk & eggs|[1, 2]");
        TestRequest.post("/f").json("{}").send(app).assertStatus(415);
        TestRequest.post("/f").header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .body("title=ok").send(app).assertBody("ok|[]");
    }

    @Test
    void cookiesAndHeaders() throws Exception {
        App app = App.create().get("/c", req -> req.cookie("session") + "|" + req.cookie("theme") + "|"
                + req.cookie("nope") + "|" + req.header("x-custom"));
        TestRequest.get("/c").header("Cookie", "session=abc123; theme=\"dark\"").header("Cookie", "session=later")
                .header("X-Custom", "v").send(app).assertBody("abc123|dark|null|v");
    }

    @Test
    void bodyCanBeReadAsTextInItsCharset() throws Exception {
        App app = App.create().post("/t", req -> req.text() + "|" + req.bytes().length);
        TestRequest.post("/t").header("Content-Type", "text/plain; charset=ISO-8859-1")
                .body(new byte[] {'c', 'a', 'f', (byte) 0xE9}).send(app).assertBody("café|4");
    }

    @Test
    void urlEncodedParserHandlesEdgeCases() {
        Params p = UrlEncoded.parse("a=1&&b=&c&=v&a=2&d=x=y");
        assertEquals(List.of("1", "2"), p.all("a"));
        assertEquals("", p.get("b"));
        assertEquals("", p.get("c"));
        assertEquals("v", p.get(""));
        assertEquals("x=y", p.get("d"));
        assertEquals(6, p.size());
    }
}
