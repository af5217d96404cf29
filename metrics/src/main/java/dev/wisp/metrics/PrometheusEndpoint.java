package dev.wisp.metrics;

import dev.wisp.server.Handler;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Serves the registry in the Prometheus text format (version 0.0.4), the format every Prometheus
 * server scrapes. A plain {@link Handler}: register it at the path of your choice with
 * {@code app.get("/metrics", req -> endpoint.handle(req.request()))}, or {@code mount} it. It
 * answers any request it is given; protect it like any other route if it must not be public.
 */
public final class PrometheusEndpoint implements Handler {
    /** The Prometheus text exposition format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public PrometheusEndpoint(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Response handle(Request request) {
        // Rendered whole, so the response has a Content-Length: a scrape is a few tens of KiB.
        return Response.bytes(registry.scrape(CONTENT_TYPE).getBytes(StandardCharsets.UTF_8), CONTENT_TYPE);
    }
}
