/**
 * Optional metrics for Wisp with Micrometer and Prometheus: {@link dev.wisp.metrics.Metrics} ties
 * together request metrics by route pattern ({@link dev.wisp.metrics.RequestMetrics}), server
 * gauges from the core's read-only stats ({@link dev.wisp.metrics.ServerMetrics}), JVM binders and
 * the text-format scrape endpoint ({@link dev.wisp.metrics.PrometheusEndpoint}).
 */
package dev.wisp.metrics;
