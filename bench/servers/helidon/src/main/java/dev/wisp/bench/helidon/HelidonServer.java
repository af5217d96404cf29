package dev.wisp.bench.helidon;

import dev.wisp.bench.common.Bench;
import io.helidon.http.HeaderNames;
import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The benchmark endpoints on Helidon SE 4's WebServer (one virtual thread per connection, like
 * Wisp), routed with plain lambdas; no media support, the JSON bytes come from the shared Jackson
 * mapper. Everything else is Helidon's defaults.
 */
public final class HelidonServer {
    private static final Header TEXT_PLAIN = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Bench.TEXT_PLAIN);
    private static final Header APPLICATION_JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Bench.APPLICATION_JSON);

    private HelidonServer() {}

    public static void main(String[] args) {
        int port = Bench.port(args);
        WebServer server = WebServer.builder()
                .host(Bench.HOST)
                .port(port)
                .routing(HelidonServer::routing)
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        Bench.ready("helidon", server.port(), "");
    }

    static void routing(HttpRouting.Builder routing) {
        routing.get("/plaintext", (req, res) -> {
                    res.header(TEXT_PLAIN);
                    res.send(Bench.HELLO);
                })
                .get("/json", (req, res) -> {
                    res.header(APPLICATION_JSON);
                    res.send(Bench.json());
                })
                .post("/echo", (req, res) -> {
                    String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(Bench.OCTET_STREAM);
                    res.header(HeaderNames.CONTENT_TYPE, type);
                    // No length given: Helidon streams the output chunked.
                    try (InputStream in = req.content().inputStream(); OutputStream out = res.outputStream()) {
                        in.transferTo(out);
                    }
                });
    }
}
