/**
 * Server-Sent Events (HTML Living Standard §9.2): {@link dev.wisp.web.sse.Sse#stream} turns a
 * request into a streamed {@code text/event-stream} response whose events a
 * {@link dev.wisp.web.sse.SseHandler} sends through an {@link dev.wisp.web.sse.SseSink}.
 *
 * <p>No new protocol: the stream is a response body written on the connection's virtual thread,
 * flushed after every event. A second virtual thread per stream sends a heartbeat comment when
 * nothing else was sent for {@link dev.wisp.web.sse.SseConfig#heartbeat()}, so proxies keep the
 * stream open and a client that went away is noticed (the write fails) even while the
 * application has nothing to say. All writes are serialised by one {@code ReentrantLock}, which
 * does not pin a virtual thread's carrier.
 */
package dev.wisp.web.sse;
