package dev.wisp.metrics;

import dev.wisp.server.ServerStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Gauges over the server's live {@link ServerStats}: {@code wisp.server.connections.open},
 * {@code wisp.server.requests.active} and {@code wisp.server.requests.queued} (Prometheus:
 * {@code wisp_server_connections_open} …). Each scrape reads the current value; nothing is
 * sampled in between. The core knows nothing of Micrometer: this binder only reads its view.
 */
public final class ServerMetrics implements MeterBinder {
    private final ServerStats stats;

    public ServerMetrics(ServerStats stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("wisp.server.connections.open", stats, ServerStats::openConnections)
                .description("Connections currently open, idle keep-alive ones included")
                // Gauges hold their object weakly by default; the stats view may be a fresh
                // object nobody else keeps, and a collected one would read NaN.
                .strongReference(true)
                .register(registry);
        Gauge.builder("wisp.server.requests.active", stats, ServerStats::activeRequests)
                .description("Requests whose handler is running")
                .strongReference(true)
                .register(registry);
        Gauge.builder("wisp.server.requests.queued", stats, ServerStats::queuedRequests)
                .description("Requests waiting for admission under maxConcurrentRequests")
                .strongReference(true)
                .register(registry);
    }
}
