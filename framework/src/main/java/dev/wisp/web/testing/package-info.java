/**
 * Testing without a socket, in the spirit of Go's {@code httptest}: build a core request with
 * {@link dev.wisp.web.testing.TestRequest}, hand it to any handler (an {@code App} included), and
 * inspect or assert on the result through {@link dev.wisp.web.testing.TestResponse}. No test
 * framework is required: failed assertions throw {@link java.lang.AssertionError}.
 *
 * <p>Event streams: {@link dev.wisp.web.testing.TestResponse#events()} (no socket) and
 * {@link dev.wisp.web.testing.SseClient} (a running server) read {@code text/event-stream}
 * bodies into {@link dev.wisp.web.testing.SseEvents}, in order, each wait bounded.
 */
package dev.wisp.web.testing;
