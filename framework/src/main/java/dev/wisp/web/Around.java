package dev.wisp.web;

import dev.wisp.server.Handler;
import dev.wisp.server.Request;
import dev.wisp.server.Response;

/**
 * Middleware as one lambda: gets the request and the next handler, returns the response.
 * <pre>{@code
 * app.around((req, next) -> next.handle(req.withAttribute(USER, authenticate(req))));
 * }</pre>
 */
@FunctionalInterface
public interface Around {
    Response handle(Request request, Handler next) throws Exception;
}
