package dev.wisp.web.sse;

import dev.wisp.server.Body;
import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.WebRequest;

/**
 * Server-Sent Events responses (HTML Living Standard §9.2). A route returns one:
 * <pre>{@code
 * app.get("/clock", req -> Sse.stream(req, sink -> {
 *     while (sink.send(SseEvent.data(Instant.now().toString()))) {
 *         Thread.sleep(1000);
 *     }
 * }));
 * }</pre>
 *
 * <p>The response is 200 with {@code Content-Type: text/event-stream; charset=utf-8},
 * {@code Cache-Control: no-cache} (a cached stream would replay old events) and
 * {@code X-Accel-Buffering: no} (nginx would otherwise buffer the events). Headers added to the
 * returned response by middleware are kept. The body is chunked on HTTP/1.1.
 */
public final class Sse {
    static final Headers HEADERS = Headers.of("Content-Type", "text/event-stream; charset=utf-8")
            .with("Cache-Control", "no-cache")
            .with("X-Accel-Buffering", "no");

    private Sse() {
    }

    /** A stream with the default {@link SseConfig} (heartbeat every 15 s). */
    public static Response stream(Request request, SseHandler handler) {
        return stream(request, SseConfig.defaults(), handler);
    }

    public static Response stream(Request request, SseConfig config, SseHandler handler) {
        return new Response(200, HEADERS, new Body.Stream(new SseStream(request, config, handler)));
    }

    /** A stream for a framework route, with the default {@link SseConfig}. */
    public static Response stream(WebRequest request, SseHandler handler) {
        return stream(request.request(), SseConfig.defaults(), handler);
    }

    public static Response stream(WebRequest request, SseConfig config, SseHandler handler) {
        return stream(request.request(), config, handler);
    }

    /** The request's {@code Last-Event-ID}, or {@code null}: where a reconnecting client left off. */
    public static String lastEventId(Request request) {
        return request.headers().get("Last-Event-ID");
    }
}
