/**
 * Middleware: the {@link dev.wisp.web.middleware.Middleware} type ({@code Handler -> Handler}) and
 * the ones Wisp ships: {@link dev.wisp.web.middleware.AccessLog},
 * {@link dev.wisp.web.middleware.RequestId}, {@link dev.wisp.web.middleware.Cors},
 * {@link dev.wisp.web.middleware.ForwardedHeaders} and
 * {@link dev.wisp.web.middleware.StaticFiles}. They depend only on the server core and the problem
 * documents, so they also wrap a bare core {@code Handler}.
 */
package dev.wisp.web.middleware;
