package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.testing.TestRequest;
import java.io.EOFException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AccessLogTest {

    @Test
    void writesOneLinePerRequestWithMethodPathStatusBytesAndDuration() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        App app = App.create().use(AccessLog.to(lines::add)).get("/hello/{name}", req -> "Hello, " + req.path("name"));
        TestRequest.get("/hello/ann?token=secret").send(app);
        TestRequest.get("/missing").send(app);
        assertEquals(2, lines.size());
        String line = lines.getFirst();
        assertTrue(line.matches("access method=GET path=/hello/ann status=200 bytes=10 duration_ms=\\d+\\.\\d{3} remote=127\\.0\\.0\\.1"), line);
        assertTrue(lines.get(1).startsWith("access method=GET path=/missing status=404 bytes="), lines.get(1));
    }

    @Test
    void logsTheRequestIdSetInside() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        App app = App.create().use(AccessLog.to(lines::add)).use(RequestId.create()).get("/a", req -> "a");
        TestRequest.get("/a").header("X-Request-Id", "abc-123").send(app);
        assertTrue(lines.getFirst().endsWith(" request_id=abc-123"), lines.getFirst());
    }

    @Test
    void headAndStreamedBodiesAreCountedAsSent() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        App app = App.create().use(AccessLog.to(lines::add))
                .get("/a", req -> "abc")
                .get("/s", req -> Response.stream("text/plain", out -> out.write(1)));
        TestRequest.head("/a").send(app);
        TestRequest.get("/s").send(app);
        assertTrue(lines.get(0).contains(" method=HEAD path=/a status=200 bytes=0 "), lines.get(0));
        assertTrue(lines.get(1).contains(" status=200 bytes=- "), lines.get(1));
    }

    @Test
    void escapesCharactersThatCouldForgeALine() {
        var request = TestRequest.get("/a\r\nfake line \"quoted\"").build();
        String line = AccessLog.line(request, Response.text("x"), 1_000);
        assertTrue(!line.contains("\n") && !line.contains("\r") && !line.contains("\""), line);
        assertTrue(line.contains("path=/a\\x0d\\x0afake\\x20line\\x20\\x22quoted\\x22 "), line);
    }

    @Test
    void stillLogsWhenTheInnerHandlerThrows() {
        List<String> lines = new CopyOnWriteArrayList<>();
        var handler = AccessLog.to(lines::add).wrap(request -> {
            throw new EOFException("gone");
        });
        assertThrows(EOFException.class, () -> TestRequest.get("/x").send(handler));
        assertTrue(lines.getFirst().contains(" status=- bytes=- "), lines.getFirst());
    }
}
