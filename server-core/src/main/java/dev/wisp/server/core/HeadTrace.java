package dev.wisp.server.core;

import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.Status;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Request and response heads as {@code curl -v} shows them, for {@code ServerConfig.trace()}:
 * <pre>
 * > GET /api/todos HTTP/1.1
 * > Host: localhost:8080
 * < HTTP/1.1 200 OK
 * < Content-Type: application/json
 * </pre>
 * One log record per head on the {@value #LOGGER} logger at INFO, its first line naming the
 * connection ({@code * 127.0.0.1:53412}) so interleaved connections can be told apart. The values
 * of {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} are
 * masked (an authorization keeps its scheme: {@code Bearer ***}), so a trace can be pasted into a
 * bug report. Header values reach here already checked for control characters by the parsers
 * (requests) and {@code Headers} (responses), so a trace line cannot forge another line.
 *
 * <p>Callers test the switch first ({@code if (config.trace())}): when tracing is off nothing here
 * runs and nothing is allocated. Stateless and thread-safe. HTTP/1.1 calls
 * {@link #request(Request)} and {@link #http1Response}; another protocol calls
 * {@link #head(String, char, String, Headers)} with its own first line (HTTP/2: its decoded
 * pseudo-header fields).
 */
public final class HeadTrace {
    /** The logger's name. */
    public static final String LOGGER = "dev.wisp.server.trace";

    private static final Logger LOG = System.getLogger(LOGGER);

    private HeadTrace() {
    }

    /** Logs a request head as received. */
    public static void request(Request request) {
        head(request.remoteAddress().toString(), '>', request.method() + " " + request.target() + " " + request.version(),
                request.headers());
    }

    /**
     * Logs an HTTP/1.1 response head as it will be written: the response's own fields plus the
     * framing fields the server adds ({@code Content-Length} or {@code Transfer-Encoding},
     * {@code Connection}); {@code Date} is left out, as it says nothing about the exchange.
     */
    public static void http1Response(Request request, Response response, boolean headRequest, int minorVersion,
                                     boolean keepAlive) {
        Headers fields = Headers.empty();
        Headers own = response.headers();
        for (int i = 0; i < own.size(); i++) {
            if (!ResponsePlan.isServerOwnedField(own.name(i))) {
                fields = fields.with(own.name(i), own.value(i));
            }
        }
        if (ResponsePlan.streamed(response)) {
            if (minorVersion == 1 && !headRequest) {
                fields = fields.with("Transfer-Encoding", "chunked");
            }
        } else {
            long length = ResponsePlan.length(response, headRequest);
            if (length != ResponsePlan.UNKNOWN_LENGTH) {
                fields = fields.with("Content-Length", Long.toString(length));
            }
        }
        if (!keepAlive) {
            fields = fields.with("Connection", "close");
        }
        int status = response.status();
        head(request.remoteAddress().toString(), '<',
                "HTTP/1." + minorVersion + " " + status + (Status.reason(status).isEmpty() ? "" : " " + Status.reason(status)),
                fields);
    }

    /**
     * Logs an HTTP/2 response head as its decoded header list: {@code HTTP/2 <status>} (the
     * {@code :status} pseudo-header), the response's own
     * fields (connection-specific ones are never sent on HTTP/2, RFC 9113 §8.2.2) and
     * {@code content-length} when known.
     */
    public static void http2Response(Request request, Response response, boolean headRequest) {
        Headers fields = Headers.empty();
        Headers own = response.headers();
        for (int i = 0; i < own.size(); i++) {
            if (!ResponsePlan.isServerOwnedField(own.name(i))) {
                fields = fields.with(own.name(i).toLowerCase(java.util.Locale.ROOT), own.value(i));
            }
        }
        long length = ResponsePlan.streamed(response) ? ResponsePlan.UNKNOWN_LENGTH
                : ResponsePlan.length(response, headRequest);
        if (length != ResponsePlan.UNKNOWN_LENGTH) {
            fields = fields.with("content-length", Long.toString(length));
        }
        head(request.remoteAddress().toString(), '<', "HTTP/2 " + response.status(), fields);
    }

    /**
     * Logs one head: {@code * connection}, then {@code direction firstLine}, then one
     * {@code direction Name: value} line per field, sensitive values masked.
     *
     * @param direction {@code '>'} for what the client sent, {@code '<'} for what the server sends
     */
    public static void head(String connection, char direction, String firstLine, Headers fields) {
        LOG.log(Level.INFO, format(connection, direction, firstLine, fields));
    }

    /** The text {@link #head} logs (package-visible for tests). */
    static String format(String connection, char direction, String firstLine, Headers fields) {
        StringBuilder text = new StringBuilder(64 + 32 * fields.size());
        text.append("* ").append(connection).append('\n');
        text.append(direction).append(' ').append(firstLine);
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.name(i);
            text.append('\n').append(direction).append(' ').append(name).append(": ").append(masked(name, fields.value(i)));
        }
        return text.toString();
    }

    /** The value to show: secrets replaced by {@code ***}; an authorization keeps its scheme (RFC 9110 §11.6.2). */
    static String masked(String name, String value) {
        if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
            int space = value.indexOf(' ');
            return space > 0 ? value.substring(0, space) + " ***" : "***";
        }
        if (name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Set-Cookie")) {
            return "***";
        }
        return value;
    }
}
