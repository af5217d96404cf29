package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.web.App;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Forwarded headers behind the real server: the test client is the trusted loopback proxy. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ForwardedOverSocketTest {
    static Server server;

    @BeforeAll
    static void start() throws IOException {
        App app = App.create()
                .use(ForwardedHeaders.trustingLoopback())
                .redirectTrailingSlash(true)
                .get("/who", req -> req.request().remoteAddress().getAddress().getHostAddress() + " "
                        + req.request().scheme() + " " + req.header("Host") + " " + req.basePath())
                .get("/todos/", req -> "list");
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0), app);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theAppSeesTheClientAsTheProxyReportsIt() throws IOException {
        String res = raw("GET /who HTTP/1.1\r\nHost: backend:8080\r\nConnection: close\r\n"
                + "Forwarded: for=\"[2001:db8::1]:4711\";proto=https;host=shop.example, for=127.0.0.1\r\n"
                + "X-Forwarded-Prefix: /shop\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 200 "), res);
        assertTrue(res.endsWith("\r\n\r\n2001:db8:0:0:0:0:0:1 https shop.example /shop"), res);
    }

    @Test
    void aRedirectPointsBelowTheProxysPrefix() throws IOException {
        String res = raw("GET /todos HTTP/1.1\r\nHost: backend\r\nConnection: close\r\n"
                + "X-Forwarded-For: 192.0.2.43\r\nX-Forwarded-Prefix: /shop\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 308 "), res);
        assertTrue(res.contains("\r\nLocation: /shop/todos/\r\n"), res);
    }

    @Test
    void aMalformedHeaderIsIgnoredNotAnError() throws IOException {
        String res = raw("GET /who HTTP/1.1\r\nHost: backend\r\nConnection: close\r\n"
                + "Forwarded: for=\"[2001:db8::1\r\nX-Forwarded-Prefix: /../x\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 200 "), res);
        assertTrue(res.endsWith("\r\n\r\n127.0.0.1 http backend "), res);
    }
}
