/**
 * The HTTP/1.1 protocol internals (RFC 9112), one class per concern: the request-head parser,
 * the request target, the framing decision, fixed-length and chunked body streams, the response
 * encoder, and the connection loop.
 *
 * <p>Concurrency: one virtual thread per connection (plain or TLS — the transport hides which)
 * runs a straight loop, one request at a time, with the handler called inline through the shared
 * {@code Exchange}; pipelined requests are read from the buffer in order, and responses are
 * flushed only when no further request is already buffered. A {@code Body.WebSocket} response
 * ends that loop: the handshake is checked, the 101 written, and the same thread becomes the
 * WebSocket session's reader ({@code dev.wisp.server.websocket.Session}) over the connection's
 * buffers. Not part of the API.
 */
package dev.wisp.server.http1;
