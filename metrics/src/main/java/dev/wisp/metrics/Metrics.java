package dev.wisp.metrics;

import dev.wisp.server.Server;
import dev.wisp.web.RouteHandler;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * Metrics for a Wisp application in one object: a Prometheus registry with the JVM binders
 * (memory, GC, threads, class loading, processor, uptime), the request middleware, the server
 * gauges and the scrape endpoint.
 *
 * <pre>{@code
 * Metrics metrics = Metrics.prometheus();
 * App app = App.create()
 *     .use(metrics.requests())                 // http_server_requests_seconds by method, route, status
 *     .get("/metrics", metrics.endpoint())     // the path is yours to choose
 *     .get("/api/todos/{id}", ...);
 * Server server = Server.start(config, app);
 * metrics.bind(server);                        // wisp_server_connections_open, _requests_active, _queued
 * }</pre>
 *
 * <p>Create one per application and {@link #close()} it on shutdown (it stops the GC listener).
 * Add your own meters to {@link #registry()}.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final RequestMetrics requests;
    private final PrometheusEndpoint endpoint;

    private Metrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        new JvmMemoryMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.requests = new RequestMetrics(registry);
        this.endpoint = new PrometheusEndpoint(registry);
    }

    /** A new Prometheus registry with the default configuration and the JVM binders. */
    public static Metrics prometheus() {
        return new Metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Metrics into an existing registry (shared with other libraries); the JVM binders are added to it. */
    public static Metrics prometheus(PrometheusMeterRegistry registry) {
        return new Metrics(Objects.requireNonNull(registry, "registry"));
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The request middleware; see {@link RequestMetrics}. */
    public RequestMetrics requests() {
        return requests;
    }

    /** The scrape endpoint as a route handler, for {@code app.get("/metrics", metrics.endpoint())}. */
    public RouteHandler endpoint() {
        return req -> endpoint.handle(req.request());
    }

    /** The gauges of a running server; see {@link ServerMetrics}. Call once per server. */
    public Metrics bind(Server server) {
        new ServerMetrics(server.stats()).bindTo(registry);
        return this;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
