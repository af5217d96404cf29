package dev.wisp.web.sse;

/**
 * Produces one client's events. Called once, on the connection's virtual thread, after the
 * response head has been sent; the stream ends (the body's last chunk is sent) when it returns.
 * Blocking is fine: loop and {@link SseSink#send} until it returns {@code false}, or hand the sink
 * to a publisher and wait in {@link SseSink#awaitClose()}.
 *
 * <p>An exception thrown here ends the stream by closing the connection (the client has already
 * received part of the response, so no error status can be sent); an
 * {@code InterruptedException} is how server shutdown stops a stream that outlives its grace.
 */
@FunctionalInterface
public interface SseHandler {
    void stream(SseSink sink) throws Exception;
}
