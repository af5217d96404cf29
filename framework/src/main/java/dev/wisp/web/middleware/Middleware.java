package dev.wisp.web.middleware;

import dev.wisp.server.Handler;

/**
 * A handler that wraps a handler, as in Go ({@code func(http.Handler) http.Handler}) and WSGI
 * (an app that calls an app): it may change the request before calling {@code next}, change the
 * response after, or answer without calling {@code next} at all.
 *
 * <p>{@code wrap} is called once, when the app is built, never per request: do per-application
 * work (parsing configuration, building tables) there and keep the returned handler lean. The
 * returned handler is called concurrently from many connection threads.
 */
@FunctionalInterface
public interface Middleware {
    Handler wrap(Handler next);

    /** This middleware around {@code inner}: {@code a.andThen(b)} runs a, then b, then the handler. */
    default Middleware andThen(Middleware inner) {
        return next -> wrap(inner.wrap(next));
    }
}
