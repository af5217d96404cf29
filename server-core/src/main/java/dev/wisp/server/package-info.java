/**
 * Wisp's HTTP/1.1 server: the {@link dev.wisp.server.Handler} contract, the request and response
 * values it exchanges, the configuration records and {@link dev.wisp.server.Server} itself, and
 * the two text utilities every layer above shares with the server: the strict percent-decoder
 * ({@link dev.wisp.server.PercentEncoding}) and the media-type parser
 * ({@link dev.wisp.server.MediaType}). Everything here is an immutable value (or stateless)
 * except {@code Server} and the request body stream.
 */
package dev.wisp.server;
