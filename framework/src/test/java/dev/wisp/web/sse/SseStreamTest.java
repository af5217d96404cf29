package dev.wisp.web.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.web.App;
import dev.wisp.web.testing.SseEvents;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Event streams through an {@code App}, with no network: {@link TestResponse#events()}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SseStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void sendsTheHeadersAndEventsInOrder() throws Exception {
        App app = App.create().get("/count", req -> Sse.stream(req, sink -> {
            for (int i = 1; i <= 3; i++) {
                sink.send(SseEvent.of("n", Integer.toString(i)).withId(Integer.toString(i)));
            }
        }));
        TestResponse res = TestRequest.get("/count").send(app)
                .assertStatus(200)
                .assertHeader("Content-Type", "text/event-stream; charset=utf-8")
                .assertHeader("Cache-Control", "no-cache")
                .assertHeader("X-Accel-Buffering", "no");
        try (SseEvents events = res.events()) {
            for (int i = 1; i <= 3; i++) {
                assertEquals(new SseEvent(Integer.toString(i), "n", Integer.toString(i), null), events.next(WAIT));
            }
            assertTrue(events.awaitEnd(WAIT), "the stream ends when the handler returns");
        }
    }

    @Test
    void sendsHeartbeatCommentsWhileSilent() throws Exception {
        SseConfig config = SseConfig.defaults().withHeartbeat(Duration.ofMillis(20));
        App app = App.create().get("/quiet", req -> Sse.stream(req, config, SseSink::awaitClose));
        try (SseEvents events = TestRequest.get("/quiet").send(app).events()) {
            assertEquals("heartbeat", events.nextComment(WAIT));
            assertEquals("heartbeat", events.nextComment(WAIT));
        }
    }

    @Test
    void exposesLastEventId() throws Exception {
        App app = App.create().get("/resume", req -> Sse.stream(req, sink -> {
            sink.send(String.valueOf(sink.lastEventId()));
            sink.send(String.valueOf(Sse.lastEventId(sink.request())));
        }));
        try (SseEvents events = TestRequest.get("/resume").header("Last-Event-ID", "41").send(app).events()) {
            assertEquals("41", events.next(WAIT).data());
            assertEquals("41", events.next(WAIT).data());
        }
        try (SseEvents events = TestRequest.get("/resume").send(app).events()) {
            assertEquals("null", events.next(WAIT).data());
        }
    }

    @Test
    void tellsTheProducerWhenTheClientHasGone() throws Exception {
        CountDownLatch closedCallback = new CountDownLatch(1);
        CountDownLatch producerStopped = new CountDownLatch(1);
        AtomicBoolean lastSend = new AtomicBoolean(true);
        AtomicBoolean openAfter = new AtomicBoolean(true);
        App app = App.create().get("/forever", req -> Sse.stream(req, sink -> {
            sink.onClose(closedCallback::countDown);
            try {
                int i = 0;
                while (sink.send(Integer.toString(i++))) {
                    Thread.onSpinWait();
                }
                lastSend.set(false);
                openAfter.set(sink.isOpen());
            } finally {
                producerStopped.countDown();
            }
        }));
        SseEvents events = TestRequest.get("/forever").send(app).events();
        assertEquals("0", events.next(WAIT).data());
        events.close();
        assertTrue(producerStopped.await(10, TimeUnit.SECONDS), "the producer stops after the client went");
        assertTrue(closedCallback.await(10, TimeUnit.SECONDS), "the close callback ran");
        assertFalse(lastSend.get());
        assertFalse(openAfter.get());
    }

    @Test
    void publisherOnAnotherThreadWithAwaitClose() throws Exception {
        AtomicInteger callbacks = new AtomicInteger();
        CountDownLatch handlerDone = new CountDownLatch(1);
        SseSink[] holder = new SseSink[1];
        CountDownLatch subscribed = new CountDownLatch(1);
        App app = App.create().get("/feed", req -> Sse.stream(req, sink -> {
            holder[0] = sink;
            sink.onClose(callbacks::incrementAndGet);
            subscribed.countDown();
            try {
                sink.awaitClose();
            } finally {
                handlerDone.countDown();
            }
        }));
        try (SseEvents events = TestRequest.get("/feed").send(app).events()) {
            assertTrue(subscribed.await(10, TimeUnit.SECONDS));
            Thread publisher = Thread.ofVirtual().start(() -> {
                holder[0].send("from another thread");
                holder[0].close();
            });
            assertEquals("from another thread", events.next(WAIT).data());
            publisher.join();
            assertTrue(handlerDone.await(10, TimeUnit.SECONDS), "close() wakes awaitClose()");
            assertTrue(events.awaitEnd(WAIT));
            assertFalse(holder[0].send("late"), "a closed sink sends nothing");
            holder[0].onClose(callbacks::incrementAndGet); // runs at once on a closed sink
            assertEquals(2, callbacks.get());
        }
    }

    @Test
    void aHandlerFailureEndsTheStream() throws Exception {
        App app = App.create().get("/broken", req -> Sse.stream(req, sink -> {
            sink.send("before");
            throw new IllegalStateException("boom");
        }));
        try (SseEvents events = TestRequest.get("/broken").send(app).events()) {
            assertEquals("before", events.next(WAIT).data());
            assertTrue(events.awaitEnd(WAIT));
        }
    }

    @Test
    void headRequestsRunNoProducer() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        App app = App.create().get("/h", req -> Sse.stream(req, sink -> ran.set(true)));
        TestResponse res = TestRequest.head("/h").send(app).assertStatus(200);
        assertEquals("", res.text());
        assertFalse(ran.get());
        assertNull(res.header("Content-Length"));
    }
}
