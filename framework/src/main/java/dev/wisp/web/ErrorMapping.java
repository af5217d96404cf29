package dev.wisp.web;

import dev.wisp.server.Handler;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.PercentEncoding;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.middleware.RequestId;
import dev.wisp.web.problem.ContentTooLargeException;
import dev.wisp.web.problem.ExceptionMapper;
import dev.wisp.web.problem.HttpException;
import dev.wisp.web.problem.Problem;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place where an exception becomes a response, applied around every layer of an app
 * (each middleware and each route), so that outer middleware always sees a response and an error
 * is logged once, where it happened.
 *
 * <p>In order: a mapper registered for the exception's class or nearest superclass; an
 * {@link HttpException} → its problem document and headers; a {@link PercentEncoding.MalformedException} (bad percent-encoding or UTF-8, too many parameters) → 400;
 * an {@link HttpProtocolException} from reading the body → a problem with its status (a 413
 * naming the {@code maxBodyBytes} it passed, the route's or the server's), and
 * {@code Connection: close} when the framing can't be trusted); the core reports a body that
 * stalls (408), ends early or fails mid-read (400) this way too, so an {@code EOFException} or
 * timeout from the application's own calls is never mistaken for the client's. Anything else is unexpected: one
 * {@code app.error} log line at ERROR with the stack trace, and a generic 500 problem carrying an
 * {@code errorId} that also appears in the log line; nothing of the exception reaches the client.
 */
final class ErrorMapping {
    private static final System.Logger LOG = System.getLogger("dev.wisp.web");
    private final Map<Class<?>, ExceptionMapper<?>> mappers;

    ErrorMapping(Map<Class<?>, ExceptionMapper<?>> mappers) {
        this.mappers = Map.copyOf(mappers);
    }

    /** {@code handler} with its exceptions mapped to responses. */
    Handler guard(Handler handler) {
        if (handler instanceof Guarded) {
            return handler;
        }
        return (Guarded) request -> {
            try {
                return handler.handle(request);
            } catch (InterruptedException e) {
                // The server is stopping past its grace: not the application's error.
                Thread.currentThread().interrupt();
                throw e;
            } catch (Exception e) {
                return toResponse(e, request);
            }
        };
    }

    /** Marks a handler that already maps its errors, so guards don't stack up. */
    @FunctionalInterface
    private interface Guarded extends Handler {
    }

    Response toResponse(Exception e, Request request) throws Exception {
        ExceptionMapper<Exception> mapper = mapperFor(e.getClass());
        if (mapper != null) {
            try {
                Response mapped = mapper.map(e, request);
                if (mapped != null) {
                    return mapped;
                }
            } catch (HttpException mappedTo) {
                return render(mappedTo, request);
            } catch (Exception failed) {
                failed.addSuppressed(e);
                return unexpected(failed, request);
            }
        }
        return switch (e) {
            case HttpException h -> render(h, request);
            case PercentEncoding.MalformedException d -> Problem.of(400, d.getMessage()).withInstance(Problem.instanceOf(request)).toResponse();
            case HttpProtocolException p -> {
                // A body over the server's or the route's limit: the problem names the limit.
                Response r = p.maxBodyBytes() >= 0
                        ? render(ContentTooLargeException.body(p.maxBodyBytes()), request)
                        : Problem.of(p.status(), p.getMessage()).withInstance(Problem.instanceOf(request)).toResponse();
                yield p.closeConnection() ? r.withHeader("Connection", "close") : r;
            }
            default -> unexpected(e, request);
        };
    }

    @SuppressWarnings("unchecked")
    private ExceptionMapper<Exception> mapperFor(Class<?> type) {
        if (mappers.isEmpty()) {
            return null;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            ExceptionMapper<?> m = mappers.get(c);
            if (m != null) {
                return (ExceptionMapper<Exception>) m;
            }
        }
        return null;
    }

    static Response render(HttpException e, Request request) {
        Problem problem = e.toProblem();
        if (problem.instance() == null) {
            problem = problem.withInstance(Problem.instanceOf(request));
        }
        Response response = problem.toResponse();
        var headers = e.headers();
        for (int i = 0; i < headers.size(); i++) {
            response = response.withHeader(headers.name(i), headers.value(i));
        }
        return response;
    }

    private static Response unexpected(Exception e, Request request) {
        String errorId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        String requestId = RequestId.of(request);
        LOG.log(Level.ERROR, "app.error method=" + request.method() + " path=" + Problem.instanceOf(request)
                + (requestId == null ? "" : " request_id=" + requestId)
                + " error_id=" + errorId + " error=" + e.getClass().getName(), e);
        return Problem.of(500, "An unexpected error occurred. It has been logged with error id " + errorId + ".")
                .withInstance(Problem.instanceOf(request))
                .with("errorId", errorId)
                .toResponse();
    }
}
