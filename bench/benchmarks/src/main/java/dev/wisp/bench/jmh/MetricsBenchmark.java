package dev.wisp.bench.jmh;

import dev.wisp.metrics.RequestMetrics;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.testing.TestRequest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics middleware costs per request: {@code GET /json} through an {@link App} (route
 * lookup, a record rendered by Jackson) with and without {@link RequestMetrics} recording into a
 * Prometheus registry (a timer with 11 histogram buckets, tagged by method, route and status). No
 * socket, so the difference is the middleware's CPU alone; compare it with the whole per-request
 * CPU of a served request (bench/RESULTS.md) for the share.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsBenchmark {
    record Message(String message) {
    }

    @Param({"false", "true"})
    public boolean metrics;

    private App app;
    private Request request;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        app = App.create();
        if (metrics) {
            app.use(RequestMetrics.into(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        }
        app.get("/json", req -> new Message("Hello, World!")).freeze();
        request = TestRequest.get("/json").build();
        int status = app.handle(request).status();
        if (status != 200) {
            throw new IllegalStateException("/json answered " + status);
        }
    }

    @Benchmark
    public Response json() throws Exception {
        return app.handle(request);
    }
}
