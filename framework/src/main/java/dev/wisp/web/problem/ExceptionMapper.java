package dev.wisp.web.problem;

import dev.wisp.server.Request;
import dev.wisp.server.Response;

/**
 * Turns one type of exception into a response, registered with {@code App.exception(type, mapper)}.
 * The mapper registered for the nearest superclass of a thrown exception wins (interfaces are not
 * consulted). A mapper may throw an {@link HttpException}, which is rendered as usual; any other
 * exception from a mapper is treated as unexpected (logged, generic 500).
 *
 * <pre>{@code
 * app.exception(NoSuchTodo.class, (e, req) -> Problem.of(404, "No todo " + e.id()).toResponse());
 * }</pre>
 */
@FunctionalInterface
public interface ExceptionMapper<E extends Throwable> {
    Response map(E exception, Request request) throws Exception;
}
