package dev.wisp.web.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Request;
import dev.wisp.server.Response;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TestRequestTest {

    @Test
    void splitsAndDecodesTheTargetLikeTheServer() throws Exception {
        Request r = TestRequest.post("/a%20b/c?x=1&y=%20").header("X-A", "1").body("hi").build();
        assertEquals("POST", r.method());
        assertEquals("/a%20b/c?x=1&y=%20", r.target());
        assertEquals("/a%20b/c", r.rawPath());
        assertEquals("/a b/c", r.path());
        assertEquals("x=1&y=%20", r.query());
        assertEquals("localhost", r.header("Host"));
        assertEquals("2", r.header("Content-Length"));
        assertEquals("1", r.header("X-A"));
        assertEquals("hi", r.text());
    }

    @Test
    void eachBuildHasAFreshBody() throws Exception {
        TestRequest t = TestRequest.post("/").body("abc");
        assertEquals("abc", t.build().text());
        assertEquals("abc", t.build().text());
    }

    @Test
    void rejectsTargetsTheServerWouldNotDeliver() {
        assertThrows(IllegalArgumentException.class, () -> TestRequest.get("no-slash"));
        assertThrows(IllegalArgumentException.class, () -> TestRequest.get("/%zz").build());
    }

    @Test
    void assertionsFailWithTheResponseInTheMessage() throws Exception {
        TestResponse res = TestRequest.get("/").send(request -> Response.text(404, "nope"));
        AssertionError e = assertThrows(AssertionError.class, () -> res.assertStatus(200));
        assertTrue(e.getMessage().contains("expected status 200 but was 404") && e.getMessage().contains("nope"), e.getMessage());
        assertThrows(AssertionError.class, () -> res.assertHeader("Content-Type", "text/html"));
        assertThrows(AssertionError.class, () -> res.assertBody("yes"));
    }

    @Test
    void readsStreamedAndFileBodies() throws Exception {
        TestResponse streamed = TestRequest.get("/").send(request -> Response.stream("text/plain", out -> out.write("streamed".getBytes())));
        assertEquals("streamed", streamed.text());
        java.nio.file.Path file = java.nio.file.Files.createTempFile("wisp", ".txt");
        try {
            java.nio.file.Files.writeString(file, "0123456789");
            TestResponse slice = TestResponse.of(new Response(206, dev.wisp.server.Headers.empty(), new dev.wisp.server.Body.File(file, 2, 3)));
            assertEquals("234", slice.text());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void jsonAccessors() throws Exception {
        record Point(int x, int y) {
        }
        TestResponse res = TestRequest.get("/").send(request -> Response.bytes("{\"x\":1,\"y\":2,\"extra\":true}".getBytes(), "application/json"));
        assertEquals(new Point(1, 2), res.json(Point.class));
        res.assertJson("/x", 1).assertJson("/extra", true).assertJson("/x", 1L);
        assertThrows(AssertionError.class, () -> res.assertJson("/missing", 1));
    }
}
