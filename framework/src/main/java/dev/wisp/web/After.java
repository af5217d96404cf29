package dev.wisp.web;

import dev.wisp.server.Response;

/**
 * Runs after the handlers it is registered around and may replace their response:
 * {@code app.after((req, res) -> res.withHeader("Cache-Control", "no-store"))}. It sees every
 * response, error problems included, since errors are mapped before it runs.
 */
@FunctionalInterface
public interface After {
    Response handle(WebRequest request, Response response) throws Exception;
}
