package dev.wisp.web;

/**
 * Runs before the handlers it is registered in front of; throw (typically an
 * {@code HttpException}) to stop the request there: {@code app.before(req -> requireToken(req))}.
 * To change the request or answer without throwing, use {@link Around}.
 */
@FunctionalInterface
public interface Before {
    void handle(WebRequest request) throws Exception;
}
