package dev.wisp.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Tls;
import dev.wisp.server.WebSocketMessage;
import dev.wisp.server.testkit.WsMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket over TLS ({@code wss://}): the upgrade and the session run on the TLS transport unchanged. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WssTest {
    @TempDir
    Path dir;

    @Test
    void theJdkClientTalksToASessionOverTls() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        TestCertificates.Issued cert = certs.serverEc("server");
        try (Server server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                        .withTls(Tls.pem(cert.certificateFile(), cert.keyFile())),
                request -> Response.webSocket(session -> {
                    while (session.receive() instanceof WebSocketMessage.Text t) {
                        session.sendText(session.request().scheme() + " " + t.text());
                    }
                }));
             HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext(null)).build()) {
            WsMessages messages = new WsMessages();
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create("wss://localhost:" + server.port() + "/ws"), messages)
                    .get(10, TimeUnit.SECONDS);
            ws.sendText("secret", true);
            assertEquals("https secret", messages.nextText(Duration.ofSeconds(10)));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            assertEquals("1000 ", messages.closed.get(10, TimeUnit.SECONDS));
        }
    }
}
