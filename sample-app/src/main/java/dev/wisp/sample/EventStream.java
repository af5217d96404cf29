package dev.wisp.sample;

import dev.wisp.server.Response;
import dev.wisp.web.WebRequest;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.FieldError;
import dev.wisp.web.sse.Sse;
import dev.wisp.web.sse.SseConfig;
import dev.wisp.web.sse.SseEvent;
import dev.wisp.web.sse.SseSink;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/todos/events}: the todo changes as Server-Sent Events (HTML Living Standard
 * §9.2), one per create, update and delete, in commit order:
 * <pre>
 * id: 42
 * event: todo.updated
 * data: {"id":7,"title":"Buy oat milk","completed":true,"version":3}
 * </pre>
 * ({@code todo.deleted} carries {@code {"id":7}}), and a {@code : heartbeat} comment after
 * {@link ApiSettings#eventHeartbeat()} of silence.
 *
 * <p><b>Where a stream starts.</b> With {@code Last-Event-ID: n} (a browser sends it when it
 * reconnects) the retained events after {@code n} are replayed first (the store keeps at least
 * the newest 1 000); without it, the stream starts with the next change. The starting point is
 * taken before the response head is sent, so a client that has seen the head gets every change
 * committed after that. A {@code Last-Event-ID} that is not an event id (a decimal number) is a
 * 400 problem; an empty one counts as none, as a browser sends none after an empty {@code id:}.
 *
 * <p><b>How.</b> The store is the source of truth and the {@link EventBus} only wakes the stream:
 * read the events after the last one sent, send them, wait for the bus to pass the mark (see
 * {@link EventBus} for why no wake-up is lost), repeat. Each stream holds a database connection
 * only while it reads, never while it waits, and an idle stream makes no query. It ends when the client goes (a write fails: at the
 * latest with the heartbeat after it left, then within {@link #RECHECK}) or when the server
 * shuts down (the wait is interrupted).
 */
final class EventStream {
    /** Events read per query, so a long replay neither holds a connection long nor fills memory. */
    static final int BATCH = 100;
    /** How often a waiting stream looks whether its client has gone. */
    static final Duration RECHECK = Duration.ofSeconds(1);
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final TodoStore store;
    private final SseConfig config;

    EventStream(TodoStore store, ApiSettings settings) {
        this.store = store;
        this.config = SseConfig.defaults().withHeartbeat(settings.eventHeartbeat());
    }

    Response open(WebRequest req) {
        String resume = req.header(LAST_EVENT_ID);
        long after = resume == null || resume.isEmpty() ? store.events().latest() : eventId(resume);
        return Sse.stream(req, config, sink -> relay(sink, after));
    }

    /** Sends the events after {@code after} until the client goes; see the class comment. */
    private void relay(SseSink sink, long after) throws InterruptedException {
        EventBus bus = store.events();
        long last = after;
        long waitingPast = -1; // -1: read now (the start, or after a full batch)
        while (sink.isOpen()) {
            if (waitingPast >= 0 && bus.awaitAfter(waitingPast, RECHECK) <= waitingPast) {
                continue; // nothing new: no query, only a look whether the client is still there
            }
            long mark = bus.latest();
            List<TodoEvent> batch = store.eventsAfter(last, BATCH);
            for (TodoEvent event : batch) {
                if (!sink.send(SseEvent.of(event.type(), event.data()).withId(Long.toString(event.id())))) {
                    return;
                }
                last = event.id();
            }
            // Wait past the mark read before the query, not just past 'last': were the events up
            // to the mark not there to read (pruned), the stream would otherwise read in a loop.
            waitingPast = batch.size() == BATCH ? -1 : Math.max(last, mark);
        }
    }

    /** 1 to 18 ASCII digits: every id this stream sends; anything else is the client's mistake. */
    private static long eventId(String value) {
        if (value.length() > 18) {
            throw badId();
        }
        long id = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw badId();
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    private static BadRequestException badId() {
        return new BadRequestException("Last-Event-ID must be the id of an event this stream sent (a number)",
                List.of(FieldError.header(LAST_EVENT_ID, "must be a decimal event id")));
    }
}
