package dev.wisp.bench.wisp;

import dev.wisp.bench.common.Bench;
import dev.wisp.server.Handler;
import dev.wisp.server.Limits;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.WebSocketMessage;
import dev.wisp.server.WebSocketSession;
import java.io.IOException;

/**
 * The benchmark endpoints on a bare server-core {@link Handler}: no router, no middleware, no JSON
 * helper. Compared with the sample app (router + JSON helper) it shows what the framework costs.
 *
 * <p>One setting differs from the defaults: {@code maxConnections} is raised from 10 000 to
 * 20 000 (the machine's open-file limit per process), because the idle scenario holds 10 000
 * connections open and then times a request on one more. Everything else is
 * {@link ServerConfig#defaults()}.
 *
 * <p>With {@code --tls-port N --cert FILE --key FILE} a second server in the same process serves
 * the same handler over HTTPS ({@link WispTls}).
 */
public final class WispCoreServer {
    private static final Response PLAINTEXT = Response.bytes(Bench.HELLO, Bench.TEXT_PLAIN);
    private static final Response DOWNLOAD = Response.bytes(Bench.DOWNLOAD, Bench.OCTET_STREAM);
    private static final Response NOT_FOUND = Response.text(404, "Not Found");

    private WispCoreServer() {}

    static final Handler HANDLER = request -> switch (request.path()) {
        // The response value is immutable, so sharing it is what an application would do too.
        case "/plaintext" -> request.method().equals("GET") ? PLAINTEXT : Response.status(405);
        case "/json" -> request.method().equals("GET")
                ? Response.bytes(Bench.json(), Bench.APPLICATION_JSON)
                : Response.status(405);
        case "/download" -> request.method().equals("GET") ? DOWNLOAD : Response.status(405);
        case "/echo" -> {
            if (!request.method().equals("POST")) {
                yield Response.status(405);
            }
            String type = request.header("Content-Type");
            // The body stays readable until the streamed response is written (Handler contract).
            yield Response.stream(type == null ? Bench.OCTET_STREAM : type,
                    out -> request.body().transferTo(out));
        }
        // The WebSocket echo: every text and binary message back unchanged.
        case "/ws/echo" -> Response.webSocket(WispCoreServer::echoMessages);
        default -> NOT_FOUND;
    };

    private static void echoMessages(WebSocketSession session) throws IOException {
        while (true) {
            switch (session.receive()) {
                case WebSocketMessage.Text t -> session.sendText(t.text());
                case WebSocketMessage.Binary b -> session.sendBinary(b.bytes());
                case WebSocketMessage.Close c -> {
                    return;
                }
            }
        }
    }

    public static void main(String[] args) {
        int port = Bench.port(args);
        ServerConfig config = ServerConfig.defaults()
                .withHost(Bench.HOST)
                .withPort(port)
                .withLimits(Limits.defaults().withMaxConnections(20_000));
        Server server = Server.start(config, HANDLER);
        // Only touched with --tls-port, so this class still runs on a server-core without TLS
        // (run.sh's wisp-core-old: the commit before the seams refactor).
        Server tls = Bench.option(args, "--tls-port") == null ? null : WispTls.start(config, args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (tls != null) {
                tls.close();
            }
        }, "shutdown"));
        Bench.ready("wisp-core", server.port(), tls == null ? "" : "tls_port=" + tls.port());
        server.await();
    }
}
