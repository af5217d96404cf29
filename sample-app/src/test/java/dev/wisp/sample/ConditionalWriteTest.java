package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.web.App;
import dev.wisp.web.testing.TestRequest;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What happens when another write commits between a request's precondition check and its own
 * write, made deterministic by a store that lets a "concurrent" update in right there. The
 * request's preconditions are evaluated again against the todo that write left.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConditionalWriteTest {

    @Test
    void aStaleIfMatchAfterAConcurrentWriteIs412() throws Exception {
        InterferingStore store = new InterferingStore(1);
        App app = TodoApp.create(store);
        long id = store.create("first", false).id();
        TestRequest.put("/api/todos/" + id).header("If-Match", "\"1\"").json("{\"title\": \"mine\"}").send(app)
                .assertStatus(412).assertContentType("application/problem+json");
        assertEquals(new Todo(id, "interfering", false, 2), store.find(id).orElseThrow());
    }

    @Test
    void aPreconditionThatStillHoldsIsRetriedAndWins() throws Exception {
        InterferingStore store = new InterferingStore(1);
        App app = TodoApp.create(store);
        long id = store.create("first", false).id();
        // Tag 2 is the version the interfering write leaves: the retry sees it and succeeds.
        TestRequest.patch("/api/todos/" + id).header("If-Match", "\"1\", \"2\"").json("{\"completed\": true}").send(app)
                .assertStatus(200).assertHeader("ETag", "\"3\"").assertJson("/title", "interfering");
        TestRequest.delete("/api/todos/" + id).header("If-Match", "*").send(app).assertStatus(204);
    }

    @Test
    void givesUpWith503WhenOtherWritesKeepWinning() throws Exception {
        InterferingStore store = new InterferingStore(Integer.MAX_VALUE);
        App app = TodoApp.create(store);
        long id = store.create("busy", false).id();
        TestRequest.put("/api/todos/" + id).header("If-Match", "*").json("{\"title\": \"mine\"}").send(app)
                .assertStatus(503).assertHeader("Retry-After", "1").assertContentType("application/problem+json");
        assertEquals(TodoApp.MAX_ATTEMPTS + 1, store.find(id).orElseThrow().version());
    }

    /**
     * An in-memory store whose conditional writes first let another client's update in, the
     * first {@code interferences} times: exactly the window between a check and a write.
     */
    static final class InterferingStore extends ForwardingTodoStore {
        private int interferences;

        InterferingStore(int interferences) {
            super(new InMemoryTodoStore());
            this.interferences = interferences;
        }

        private void interfere(long id) {
            if (interferences > 0) {
                interferences--;
                store.update(id, todo -> todo.with("interfering", todo.completed()));
            }
        }

        @Override
        public Outcome update(long id, long expectedVersion, UnaryOperator<Todo> change) {
            interfere(id);
            return store.update(id, expectedVersion, change);
        }

        @Override
        public Outcome delete(long id, long expectedVersion) {
            interfere(id);
            return store.delete(id, expectedVersion);
        }
    }
}
