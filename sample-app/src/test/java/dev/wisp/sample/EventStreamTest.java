package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.web.App;
import dev.wisp.web.testing.SseEvents;
import dev.wisp.web.testing.TestRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The event stream's cost while idle, with no socket: a waiting stream makes no query. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventStreamTest {

    @Test
    void anIdleStreamQueriesOnlyWhenThereIsSomethingNew() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        TodoStore store = new ForwardingTodoStore(new InMemoryTodoStore()) {
            @Override
            public List<TodoEvent> eventsAfter(long afterId, int limit) {
                reads.incrementAndGet();
                return store.eventsAfter(afterId, limit);
            }
        };
        App app = TodoApp.create(store, ApiSettings.defaults().withEventHeartbeat(Duration.ofMillis(100)));
        try (SseEvents events = TestRequest.get("/api/todos/events").send(app).events()) {
            // 25 heartbeats of 100 ms: the stream has waited past EventStream.RECHECK at least twice.
            for (int i = 0; i < 25; i++) {
                assertEquals("heartbeat", events.nextComment(Duration.ofSeconds(5)));
            }
            assertEquals(1, reads.get(), "one read at the start, none while idle");
            long id = store.create("wakes the stream", false).id();
            assertEquals("{\"id\":" + id + ",\"title\":\"wakes the stream\",\"completed\":false,\"version\":1}",
                    events.next(Duration.ofSeconds(5)).data());
            assertEquals(2, reads.get());
        }
    }
}
