package dev.wisp.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Headers;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.testkit.LogCapture;
import dev.wisp.server.testkit.Wire;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ServerConfig.trace()}: heads logged as {@code curl -v} shows them, secrets masked, nothing when off. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HeadTraceTest {

    @Test
    void formatsAHeadLikeCurlVerbose() {
        String text = HeadTrace.format("/127.0.0.1:5000", '>', "GET /api/todos HTTP/1.1",
                Headers.of("Host", "localhost:8080", "Accept", "*/*"));
        assertEquals("""
                * /127.0.0.1:5000
                > GET /api/todos HTTP/1.1
                > Host: localhost:8080
                > Accept: */*""", text);
    }

    @Test
    void masksCredentialsAndCookies() {
        assertEquals("Bearer ***", HeadTrace.masked("Authorization", "Bearer abc.def"));
        assertEquals("***", HeadTrace.masked("authorization", "opaque"));
        assertEquals("Basic ***", HeadTrace.masked("Proxy-Authorization", "Basic dTpw"));
        assertEquals("***", HeadTrace.masked("Cookie", "session=s3cret"));
        assertEquals("***", HeadTrace.masked("set-cookie", "session=s3cret; HttpOnly"));
        assertEquals("text/plain", HeadTrace.masked("Content-Type", "text/plain"));
    }

    @Test
    void logsRequestAndResponseHeadsWhenOn() throws Exception {
        try (var log = LogCapture.of(HeadTrace.LOGGER);
             var server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withTrace(true),
                     request -> Response.text("hi").withHeader("Set-Cookie", "id=42"));
             var wire = Wire.connect(server.port())) {
            wire.send("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t0ken\r\nCookie: id=42\r\n\r\n");
            assertEquals(200, wire.read().status());

            List<String> messages = log.records().stream().map(LogRecord::getMessage).toList();
            assertEquals(2, messages.size(), messages.toString());
            String request = messages.get(0);
            String response = messages.get(1);
            assertTrue(request.startsWith("* /127.0.0.1:"), request);
            assertTrue(request.contains("\n> GET /a?b=1 HTTP/1.1\n> Host: x\n> Authorization: Bearer ***\n> Cookie: ***"), request);
            assertTrue(response.contains("\n< HTTP/1.1 200 OK\n"), response);
            assertTrue(response.contains("\n< Content-Type: text/plain; charset=utf-8"), response);
            assertTrue(response.contains("\n< Set-Cookie: ***"), response);
            assertTrue(response.contains("\n< Content-Length: 2"), response);
            assertTrue(!String.join("\n", messages).contains("t0ken"), messages.toString());
        }
    }

    @Test
    void logsNothingWhenOff() throws Exception {
        try (var log = LogCapture.of(HeadTrace.LOGGER);
             var server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0), request -> Response.text("hi"));
             var wire = Wire.connect(server.port())) {
            wire.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, wire.read().status());
            assertEquals(List.of(), log.records());
        }
    }
}
