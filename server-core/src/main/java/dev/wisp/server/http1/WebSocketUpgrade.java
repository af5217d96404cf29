package dev.wisp.server.http1;

import dev.wisp.server.Body;
import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.WebSocketConfig;
import dev.wisp.server.core.Responses;
import dev.wisp.server.io.HttpInput;
import dev.wisp.server.io.HttpOutput;
import dev.wisp.server.websocket.Handshake;
import dev.wisp.server.websocket.Session;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 side of a WebSocket upgrade, once a handler answered {@link Body.WebSocket}: the
 * handshake check (RFC 6455 §4.2.1), the rejection to send instead of a 101, and the 101 followed
 * by a {@link Session} over the connection's buffers. The connection runs the session and routes
 * shutdown, ticks and kills to it.
 */
final class WebSocketUpgrade {
    private WebSocketUpgrade() {
    }

    /**
     * The handshake's verdict. A request with a body doesn't qualify either: after the head, its
     * bytes would be taken for frames.
     */
    static Handshake.Result check(Request request, Body.WebSocket ws, boolean noBody) {
        return noBody ? Handshake.check(request, ws.config())
                : new Handshake.Reject(400, Headers.empty(), "A WebSocket handshake has no body");
    }

    /** The server's short fixed text for a refused handshake, with its headers, closing the connection. */
    static Response rejection(Handshake.Reject reject) {
        Response error = Responses.error(reject.status(), reject.message(), true);
        for (int i = 0; i < reject.headers().size(); i++) {
            error = error.withHeader(reject.headers().name(i), reject.headers().value(i));
        }
        return error;
    }

    /**
     * Writes and flushes the 101 (the response's headers, then the handshake's own), sets the
     * read timeout for the session, and returns the session over the connection's input (bytes
     * already buffered first) and output (every frame flushed, under the write timeout).
     */
    static Session open(Request request, Response response, Body.WebSocket ws, Handshake.Accept accept, HttpInput in,
                        HttpOutput out, ResponseWriter writer, Runnable closeTransport) throws IOException {
        writer.writeSwitchingProtocols(response.headers(), accept.headers());
        out.flush();
        in.perReadTimeout(backstopMillis(ws.config()));
        return new Session(new UpgradedInput(in), new ResponseWriter.RawOutputStream(out), closeTransport, request,
                ws.config(), accept);
    }

    /**
     * The read timeout under a session. The session keeps its own idle and close timeouts
     * (through the watchdog's tick); this only backs them up. Each part is capped at a year, so
     * that no configured timeout overflows the deadline arithmetic.
     */
    static long backstopMillis(WebSocketConfig config) {
        long year = TimeUnit.DAYS.toSeconds(365);
        return TimeUnit.SECONDS.toMillis(Math.min(config.idleTimeout().getSeconds(), year)
                + Math.min(config.closeTimeout().getSeconds(), year) + 2);
    }
}
