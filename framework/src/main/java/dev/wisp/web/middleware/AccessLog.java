package dev.wisp.web.middleware;

import dev.wisp.server.Body;
import dev.wisp.server.Handler;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes one line per request, after the response has been produced:
 * <pre>
 * access method=GET path=/todos/7 status=200 bytes=57 duration_ms=0.412 remote=127.0.0.1 request_id=4f1c…
 * </pre>
 * {@code path} is the raw path without the query string (queries often carry tokens);
 * {@code bytes} is the body length ({@code -} for a streamed body of unknown length, 0 for HEAD);
 * {@code duration_ms} covers the handler and the middleware inside this one, not the network
 * write; {@code request_id} appears when an inner {@link RequestId} set the response header.
 * Characters outside printable ASCII are escaped, so a request cannot forge log lines.
 *
 * <p>If the inner handler throws (possible only for connection-level failures once the app's error
 * mapping is inside), the line is still written, with {@code status=-}, and the exception passes on.
 */
public final class AccessLog implements Middleware {
    private static final System.Logger LOGGER = System.getLogger("dev.wisp.web.access");
    private final Consumer<String> sink;

    private AccessLog(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Lines to {@code System.out}. */
    public static AccessLog toStdout() {
        return new AccessLog(System.out::println);
    }

    /** Lines to {@code System.Logger} {@code dev.wisp.web.access} at INFO. */
    public static AccessLog toLogger() {
        return new AccessLog(line -> LOGGER.log(Level.INFO, line));
    }

    /** Lines to any sink; it is called concurrently from connection threads. */
    public static AccessLog to(Consumer<String> sink) {
        return new AccessLog(sink);
    }

    @Override
    public Handler wrap(Handler next) {
        return request -> {
            long start = System.nanoTime();
            Response response = null;
            try {
                response = next.handle(request);
                return response;
            } finally {
                sink.accept(line(request, response, System.nanoTime() - start));
            }
        };
    }

    static String line(Request request, Response response, long nanos) {
        StringBuilder sb = new StringBuilder(128).append("access method=");
        escape(sb, request.method());
        sb.append(" path=");
        escape(sb, request.target().startsWith("/") ? pathOf(request.target()) : request.rawPath());
        if (response == null) {
            sb.append(" status=- bytes=-");
        } else {
            sb.append(" status=").append(response.status()).append(" bytes=");
            long length = request.method().equals("HEAD") || response.status() == 204 || response.status() == 304
                    ? 0 : response.body().length();
            if (length == Body.UNKNOWN_LENGTH) {
                sb.append('-'); // streamed: the length is not known here
            } else {
                sb.append(length);
            }
        }
        long micros = nanos / 1000;
        sb.append(" duration_ms=").append(micros / 1000).append('.');
        long frac = micros % 1000;
        sb.append(frac < 10 ? "00" : frac < 100 ? "0" : "").append(frac);
        if (request.remoteAddress() != null) {
            sb.append(" remote=").append(request.remoteAddress().getAddress().getHostAddress());
        }
        String id = response == null ? null : response.header(RequestId.HEADER);
        if (id != null) {
            sb.append(" request_id=");
            escape(sb, id);
        }
        return sb.toString();
    }

    /** The original path (before any mount shifted it), without the query. */
    private static String pathOf(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c & 0xff));
            }
        }
    }
}
