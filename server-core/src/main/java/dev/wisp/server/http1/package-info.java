/**
 * The HTTP/1.1 protocol internals (RFC 9112), one class per concern: buffered input with bounded
 * line search, the request-head parser, the framing decision, fixed-length and chunked body
 * streams, the response writer, and the connection loop with its server. Not part of the API:
 * classes are public only so the {@code dev.wisp.server} package can reach them.
 */
package dev.wisp.server.http1;
