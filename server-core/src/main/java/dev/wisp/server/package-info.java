/**
 * Wisp's HTTP/1.1 server: the {@link dev.wisp.server.Handler} contract, the request and response
 * values it exchanges, the configuration records and {@link dev.wisp.server.Server} itself.
 * Everything here is an immutable value except {@code Server} and the request body stream.
 */
package dev.wisp.server;
