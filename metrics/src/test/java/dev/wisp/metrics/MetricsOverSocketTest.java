package dev.wisp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.web.App;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A Prometheus scrape over the wire: request metrics, server gauges and JVM metrics. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsOverSocketTest {
    static Metrics metrics;
    static Server server;
    static HttpClient client;

    @BeforeAll
    static void start() {
        metrics = Metrics.prometheus();
        App app = App.create()
                .use(metrics.requests())
                .get("/internal/metrics", metrics.endpoint())
                .get("/api/todos/{id}", req -> "todo " + req.path("id"));
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0), app);
        metrics.bind(server);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scrapesRequestsGaugesAndJvmInTheTextFormat() throws Exception {
        assertEquals(200, get("/api/todos/41").statusCode());
        assertEquals(200, get("/api/todos/42").statusCode());
        assertEquals(404, get("/api/nothing/here").statusCode());
        HttpResponse<String> scrape = get("/internal/metrics");
        assertEquals(200, scrape.statusCode());
        assertEquals(PrometheusEndpoint.CONTENT_TYPE, scrape.headers().firstValue("Content-Type").orElseThrow());
        String body = scrape.body();
        assertTrue(body.contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/todos/{id}\",status=\"200\"} 2"), body);
        assertTrue(body.contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/todos/{id}\",status=\"200\",le=\"0.005\"}"), body);
        assertTrue(body.contains("http_server_requests_seconds_count{method=\"GET\",route=\"NOT_FOUND\",status=\"404\"} 1"), body);
        assertTrue(!body.contains("/api/nothing"), "no raw path in any label");
        // The scrape is itself a request in flight on an open connection while the gauges are read.
        assertTrue(body.contains("wisp_server_requests_active 1.0"), body);
        assertTrue(body.contains("wisp_server_requests_queued 0.0"), body);
        assertTrue(body.matches("(?s).*wisp_server_connections_open [1-9][0-9]*\\.0\n.*"), body);
        for (String jvm : new String[] {"jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "system_cpu_count", "process_uptime_seconds"}) {
            assertTrue(body.contains(jvm), jvm);
        }
    }
}
