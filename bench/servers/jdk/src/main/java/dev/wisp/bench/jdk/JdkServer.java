package dev.wisp.bench.jdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.wisp.bench.common.Bench;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The benchmark endpoints on the JDK's {@code com.sun.net.httpserver}, each exchange run on its
 * own virtual thread.
 *
 * <p>One setting differs from the defaults: {@code sun.net.httpserver.maxIdleConnections} is raised
 * from 200 to 20 000. With the default, the server closes every idle keep-alive connection past
 * the 200th, and the idle scenario (10 000 connections held open) would measure closed sockets.
 */
public final class JdkServer {
    private JdkServer() {}

    public static void main(String[] args) throws IOException {
        int port = Bench.port(args);
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            // Read once when the server class initialises, so it must be set before create().
            System.setProperty("sun.net.httpserver.maxIdleConnections", "20000");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Bench.HOST, port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/plaintext", get(Bench.TEXT_PLAIN, () -> Bench.HELLO));
        server.createContext("/json", get(Bench.APPLICATION_JSON, Bench::json));
        server.createContext("/echo", JdkServer::echo);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1), "shutdown"));
        Bench.ready("jdk", port, "executor=virtual-thread-per-task");
    }

    interface BodySupplier {
        byte[] get() throws IOException;
    }

    private static HttpHandler get(String contentType, BodySupplier body) {
        return exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] bytes = body.get();
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        };
    }

    private static void echo(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            exchange.getResponseHeaders().set("Content-Type", type == null ? Bench.OCTET_STREAM : type);
            exchange.sendResponseHeaders(200, 0); // 0 = chunked: stream without knowing the length
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }
}
