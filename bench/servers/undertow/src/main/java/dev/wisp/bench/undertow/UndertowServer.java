package dev.wisp.bench.undertow;

import dev.wisp.bench.common.Bench;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The benchmark endpoints on Undertow's core {@link HttpHandler} API. Plaintext and JSON are
 * answered on the XNIO I/O thread (as Undertow's own TechEmpower entry does: neither blocks);
 * {@code /echo} dispatches to a worker thread and streams with blocking I/O. Everything else is
 * Undertow's defaults (I/O threads = CPUs the JVM sees, workers = 8 × that).
 */
public final class UndertowServer {
    private UndertowServer() {}

    public static void main(String[] args) {
        int port = Bench.port(args);
        Undertow server = Undertow.builder()
                .addHttpListener(port, Bench.HOST)
                .setHandler(UndertowServer::handle)
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        Bench.ready("undertow", port, "");
    }

    static void handle(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        boolean get = exchange.getRequestMethod().equals(Methods.GET);
        if (path.equals("/plaintext") && get) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Bench.TEXT_PLAIN);
            exchange.getResponseSender().send(ByteBuffer.wrap(Bench.HELLO));
        } else if (path.equals("/json") && get) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Bench.APPLICATION_JSON);
            exchange.getResponseSender().send(ByteBuffer.wrap(Bench.json()));
        } else if (path.equals("/echo") && exchange.getRequestMethod().equals(Methods.POST)) {
            if (exchange.isInIoThread()) {
                exchange.dispatch(UndertowServer::handle); // blocking I/O must leave the I/O thread
                return;
            }
            String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type == null ? Bench.OCTET_STREAM : type);
            exchange.startBlocking();
            // No Content-Length set: Undertow streams the response chunked.
            try (InputStream in = exchange.getInputStream(); OutputStream out = exchange.getOutputStream()) {
                in.transferTo(out);
            }
        } else {
            exchange.setStatusCode(404);
            exchange.endExchange();
        }
    }
}
