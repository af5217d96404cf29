/**
 * Testing without a socket, in the spirit of Go's {@code httptest}: build a core request with
 * {@link dev.wisp.web.testing.TestRequest}, hand it to any handler (an {@code App} included), and
 * inspect or assert on the result through {@link dev.wisp.web.testing.TestResponse}. No test
 * framework is required: failed assertions throw {@link java.lang.AssertionError}.
 */
package dev.wisp.web.testing;
