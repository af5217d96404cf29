/**
 * Middleware: the {@link dev.wisp.web.middleware.Middleware} type ({@code Handler -> Handler}) and
 * the ones Wisp ships: {@link dev.wisp.web.middleware.AccessLog},
 * {@link dev.wisp.web.middleware.RequestId}, {@link dev.wisp.web.middleware.Cors},
 * {@link dev.wisp.web.middleware.ForwardedHeaders}, {@link dev.wisp.web.middleware.StaticFiles} and
 * {@link dev.wisp.web.middleware.Compression}; and the HTTP validators they share with routes:
 * {@link dev.wisp.web.middleware.Conditional} (preconditions, RFC 9110 §13) and
 * {@link dev.wisp.web.middleware.ETag}. They depend only on the server core and the problem
 * documents, so they also wrap a bare core {@code Handler}.
 */
package dev.wisp.web.middleware;
