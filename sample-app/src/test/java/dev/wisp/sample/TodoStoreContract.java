package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.web.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The {@link TodoStore} contract, run against every implementation by subclassing: each subclass
 * supplies fresh, empty stores.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class TodoStoreContract {
    protected static final Json JSON = Json.create();
    protected TodoStore store;

    /** A new, empty store keeping at least {@code retainedEvents} events. */
    protected abstract TodoStore newStore(int retainedEvents);

    @BeforeEach
    void openStore() {
        store = newStore(TodoStore.DEFAULT_RETAINED_EVENTS);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static JsonNode parse(String json) {
        return JSON.read(json.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

    @Test
    void createsTodosWithFreshIdsAtVersionOne() {
        Todo a = store.create("Buy milk", false);
        Todo b = store.create("Walk the dog", true);
        assertTrue(b.id() > a.id());
        assertEquals(new Todo(a.id(), "Buy milk", false, 1), a);
        assertEquals(Optional.of(b), store.find(b.id()));
        assertEquals(Optional.empty(), store.find(b.id() + 1000));
        assertTrue(store.ready());
    }

    @Test
    void listsInIdOrderWithPagingAndFilter() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store.create("t" + i, i % 2 == 0).id());
        }
        TodoStore.Page page = store.list(null, 2, 1);
        assertEquals(5, page.total());
        assertEquals(List.of(ids.get(1), ids.get(2)), page.items().stream().map(Todo::id).toList());
        TodoStore.Page done = store.list(true, 10, 0);
        assertEquals(3, done.total());
        assertEquals(List.of(ids.get(0), ids.get(2), ids.get(4)), done.items().stream().map(Todo::id).toList());
        assertEquals(List.of(), store.list(false, 10, 5).items());
    }

    @Test
    void updatesBumpTheVersion() {
        Todo todo = store.create("a", false);
        Todo updated = store.update(todo.id(), old -> old.with("b", true)).orElseThrow();
        assertEquals(new Todo(todo.id(), "b", true, 2), updated);
        assertEquals(Optional.of(updated), store.find(todo.id()));
        assertEquals(Optional.empty(), store.update(todo.id() + 1000, old -> old.with("x", false)));
    }

    @Test
    void conditionalUpdateSucceedsOnlyAtTheExpectedVersion() {
        Todo todo = store.create("a", false);
        var stale = store.update(todo.id(), 7, old -> old.with("stale", false));
        assertEquals(new TodoStore.Outcome.Conflict(todo), stale);
        assertEquals(Optional.of(todo), store.find(todo.id()));
        var done = store.update(todo.id(), 1, old -> old.with("fresh", false));
        assertEquals(new TodoStore.Outcome.Done(new Todo(todo.id(), "fresh", false, 2)), done);
        assertInstanceOf(TodoStore.Outcome.Conflict.class, store.update(todo.id(), 1, old -> old.with("again", false)));
        assertEquals(new TodoStore.Outcome.NotFound(), store.update(todo.id() + 1000, 1, old -> old));
    }

    @Test
    void conditionalDeleteSucceedsOnlyAtTheExpectedVersion() {
        Todo todo = store.create("a", false);
        assertEquals(new TodoStore.Outcome.Conflict(todo), store.delete(todo.id(), 2));
        assertEquals(Optional.of(todo), store.find(todo.id()));
        assertEquals(new TodoStore.Outcome.Done(todo), store.delete(todo.id(), 1));
        assertEquals(new TodoStore.Outcome.NotFound(), store.delete(todo.id(), 1));
        assertEquals(false, store.delete(todo.id()));
        Todo other = store.create("b", false);
        assertTrue(store.delete(other.id()));
        assertEquals(0, store.list(null, 10, 0).total());
    }

    @Test
    void refusesAnUpdateThatChangesTheIdAndWritesNothing() {
        Todo todo = store.create("a", false);
        long events = store.events().latest();
        assertThrows(IllegalArgumentException.class, () -> store.update(todo.id(), old -> new Todo(old.id() + 1, "x", false, 1)));
        assertEquals(Optional.of(todo), store.find(todo.id()));
        assertEquals(List.of(), store.eventsAfter(events, 10));
    }

    @Test
    void recordsAnEventForEveryChangeInOrder() {
        long before = store.events().latest();
        Todo todo = store.create("a", false);
        store.update(todo.id(), old -> old.with("b", true));
        store.delete(todo.id());
        List<TodoEvent> events = store.eventsAfter(before, 10);
        assertEquals(List.of(TodoEvent.CREATED, TodoEvent.UPDATED, TodoEvent.DELETED), events.stream().map(TodoEvent::type).toList());
        assertEquals(List.of(before + 1, before + 2, before + 3), events.stream().map(TodoEvent::id).toList());
        JsonNode created = parse(events.get(0).data());
        assertEquals(todo.id(), created.get("id").longValue());
        assertEquals("a", created.get("title").stringValue());
        assertEquals(1, created.get("version").longValue());
        JsonNode updated = parse(events.get(1).data());
        assertEquals("b", updated.get("title").stringValue());
        assertEquals(true, updated.get("completed").booleanValue());
        assertEquals(2, updated.get("version").longValue());
        assertEquals("{\"id\":" + todo.id() + "}", events.get(2).data());
        assertEquals(before + 3, store.events().latest());
        assertEquals(events.subList(1, 3), store.eventsAfter(before + 1, 10));
        assertEquals(events.subList(0, 2), store.eventsAfter(before, 2));
        assertEquals(List.of(), store.eventsAfter(before + 3, 10));
    }

    @Test
    void wakesASubscriberWaitingForTheNextEvent() throws Exception {
        long last = store.events().latest();
        CountDownLatch waiting = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Long> woken = pool.submit(() -> {
                waiting.countDown();
                return store.events().awaitAfter(last, Duration.ofSeconds(20));
            });
            waiting.await();
            Todo todo = store.create("wake up", false);
            assertTrue(woken.get() > last, "woken by the event, not the timeout");
            assertEquals(List.of(TodoEvent.CREATED), store.eventsAfter(last, 10).stream().map(TodoEvent::type).toList());
            assertEquals(todo.id(), parse(store.eventsAfter(last, 10).get(0).data()).get("id").longValue());
        }
        // A subscriber that is already behind returns at once, and one that is current times out.
        assertTrue(store.events().awaitAfter(last, Duration.ofSeconds(20)) > last);
        long now = store.events().latest();
        assertEquals(now, store.events().awaitAfter(now, Duration.ofMillis(50)));
    }

    @Test
    void keepsTheNewestEventsAndPrunesOlderOnes() {
        store.close();
        store = newStore(5);
        long before = store.events().latest();
        Todo todo = store.create("x", false);
        for (int i = 0; i < 149; i++) { // past one pruning point (every 100 events)
            store.update(todo.id(), old -> old.with(old.title(), !old.completed()));
        }
        long last = before + 150;
        assertEquals(last, store.events().latest());
        List<TodoEvent> kept = store.eventsAfter(0, 1000);
        assertTrue(kept.size() >= 5 && kept.size() <= 5 + 100, "kept " + kept.size());
        assertEquals(last, kept.get(kept.size() - 1).id());
        for (int i = 1; i < kept.size(); i++) {
            assertEquals(kept.get(i - 1).id() + 1, kept.get(i).id(), "no gaps among the kept events");
        }
        assertTrue(kept.get(0).id() > before + 1, "the oldest were pruned");
    }

    @Test
    void storesListsReadsAndDeletesAttachments() {
        Todo todo = store.create("with files", false);
        Todo other = store.create("other", false);
        byte[] bytes = new byte[70_000];
        new java.util.Random(1).nextBytes(bytes);
        Attachment a = store.addAttachment(todo.id(), "report.pdf", "application/pdf", bytes).orElseThrow();
        Attachment b = store.addAttachment(todo.id(), "C:\\fakepath\\..\\notes.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertEquals(new Attachment(a.id(), "report.pdf", "application/pdf", 70_000), a);
        assertEquals("notes.txt", b.filename());
        assertEquals(Optional.of(List.of(a, b)), store.attachments(todo.id()));
        assertEquals(Optional.of(List.of()), store.attachments(other.id()));
        AttachmentFile file = store.attachment(todo.id(), a.id()).orElseThrow();
        assertEquals(a, file.attachment());
        assertArrayEquals(bytes, file.bytes());
        assertEquals(Optional.empty(), store.attachment(other.id(), a.id()), "only through its own todo");
        assertEquals(false, store.deleteAttachment(other.id(), a.id()));
        assertTrue(store.deleteAttachment(todo.id(), a.id()));
        assertEquals(false, store.deleteAttachment(todo.id(), a.id()));
        assertEquals(Optional.of(List.of(b)), store.attachments(todo.id()));
        assertEquals(Optional.empty(), store.addAttachment(todo.id() + 1000, "x", "text/plain", new byte[1]));
        assertEquals(Optional.empty(), store.attachments(todo.id() + 1000));
        assertThrows(IllegalArgumentException.class, () -> store.addAttachment(todo.id(), "x", "text/plain\r\nX-Evil: 1", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> store.addAttachment(todo.id(), "x", "", new byte[1]));
        assertEquals(Optional.of(List.of(b)), store.attachments(todo.id()));
    }

    @Test
    void deletingATodoDeletesItsAttachments() {
        Todo todo = store.create("doomed", false);
        Attachment a = store.addAttachment(todo.id(), "../../etc/passwd", "text/plain", new byte[] {1, 2, 3}).orElseThrow();
        assertEquals("passwd", a.filename());
        assertTrue(store.delete(todo.id()));
        assertEquals(Optional.empty(), store.attachment(todo.id(), a.id()));
        assertEquals(Optional.empty(), store.attachments(todo.id()));
    }

    @Test
    void losesNoUpdateUnderConcurrentWriters() throws Exception {
        Todo todo = store.create("0", false);
        int threads = 8;
        int perThread = 25;
        runConcurrently(threads, () -> {
            for (int i = 0; i < perThread; i++) {
                store.update(todo.id(), old -> old.with(Integer.toString(Integer.parseInt(old.title()) + 1), false));
            }
            return null;
        });
        Todo end = store.find(todo.id()).orElseThrow();
        assertEquals(Integer.toString(threads * perThread), end.title());
        assertEquals(1 + threads * perThread, end.version());
    }

    @Test
    void conditionalWritersRetryingOnConflictLoseNothing() throws Exception {
        Todo todo = store.create("0", false);
        int threads = 6;
        int perThread = 10;
        Set<Long> versionsWritten = java.util.concurrent.ConcurrentHashMap.newKeySet();
        runConcurrently(threads, () -> {
            int done = 0;
            while (done < perThread) {
                Todo seen = store.find(todo.id()).orElseThrow();
                var outcome = store.update(todo.id(), seen.version(),
                        old -> old.with(Integer.toString(Integer.parseInt(old.title()) + 1), false));
                if (outcome instanceof TodoStore.Outcome.Done written) {
                    assertTrue(versionsWritten.add(written.todo().version()), "each version written once");
                    done++;
                } else {
                    assertInstanceOf(TodoStore.Outcome.Conflict.class, outcome);
                }
            }
            return null;
        });
        Todo end = store.find(todo.id()).orElseThrow();
        assertEquals(Integer.toString(threads * perThread), end.title());
        assertEquals(1 + threads * perThread, end.version());
    }

    @Test
    void concurrentCreatesGetDistinctIdsAndGaplessEvents() throws Exception {
        long before = store.events().latest();
        Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        runConcurrently(8, () -> {
            for (int i = 0; i < 10; i++) {
                ids.add(store.create("t", false).id());
            }
            return null;
        });
        assertEquals(80, ids.size());
        List<TodoEvent> events = store.eventsAfter(before, 1000);
        assertEquals(80, events.size());
        Set<Long> announced = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            assertEquals(before + 1 + i, events.get(i).id());
            announced.add(parse(events.get(i).data()).get("id").longValue());
        }
        assertEquals(ids, announced);
    }

    /** Runs {@code task} on {@code threads} threads released together; rethrows the first failure. */
    protected static void runConcurrently(int threads, Callable<Void> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Void> f : futures) {
                f.get();
            }
        }
    }
}
