package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.core.HeadTrace;
import dev.wisp.server.testkit.LogCapture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ServerConfig.trace()} shows HTTP/2 heads too, as decoded header lists. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Http2TraceTest {

    @Test
    void logsDecodedRequestAndResponseHeadsWithSecretsMasked() throws Exception {
        try (var log = LogCapture.of(HeadTrace.LOGGER);
             var server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withTrace(true),
                     request -> Response.text("hi").withHeader("Set-Cookie", "id=42"));
             H2Wire w = H2Wire.connect(server.port())) {
            w.handshake();
            w.request(1, true, "GET", "/traced", "authorization", "Bearer t0ken");
            assertEquals("hi", w.response(1).text());
            List<String> messages = log.records().stream().map(LogRecord::getMessage).toList();
            assertEquals(2, messages.size(), messages.toString());
            assertTrue(messages.get(0).contains("\n> GET /traced HTTP/2\n"), messages.get(0));
            assertTrue(messages.get(0).contains("> authorization: Bearer ***"), messages.get(0));
            assertTrue(messages.get(1).contains("\n< HTTP/2 200\n"), messages.get(1));
            assertTrue(messages.get(1).contains("< set-cookie: ***"), messages.get(1));
            assertTrue(messages.get(1).contains("< content-length: 2"), messages.get(1));
            assertTrue(!String.join("\n", messages).contains("t0ken"), messages.toString());
        }
    }
}
