/** Micrometer metrics for Wisp: request timers by route pattern, server gauges, a Prometheus endpoint. */
module dev.wisp.metrics {
    requires transitive dev.wisp.web;
    requires transitive micrometer.core;
    requires transitive micrometer.registry.prometheus;

    exports dev.wisp.metrics;
}
