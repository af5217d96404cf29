/**
 * Optional metrics for Wisp applications: request metrics by route pattern, server gauges, JVM
 * binders and a Prometheus scrape endpoint ({@link dev.wisp.metrics.Metrics}).
 */
module dev.wisp.metrics {
    requires transitive dev.wisp.web;
    requires transitive micrometer.core;
    requires transitive micrometer.registry.prometheus;

    exports dev.wisp.metrics;
}
