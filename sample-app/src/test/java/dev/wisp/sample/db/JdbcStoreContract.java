package dev.wisp.sample.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.sample.StoreException;
import dev.wisp.sample.StoreUnavailableException;
import dev.wisp.sample.Todo;
import dev.wisp.sample.TodoEvent;
import dev.wisp.sample.TodoStore;
import dev.wisp.sample.TodoStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store contract plus what only a database store promises: persistence and transactions. */
abstract class JdbcStoreContract extends TodoStoreContract {

    /** The config of the database the current test's stores use (the same for every store in a test). */
    abstract DbConfig config();

    /** A plain auto-commit connection to that database, outside the store. */
    abstract Connection connection() throws SQLException;

    @Override
    protected TodoStore newStore(int retainedEvents) {
        return JdbcTodoStore.open(config().withRetainedEvents(retainedEvents));
    }

    @Test
    void keepsTodosEventsAndAttachmentsAcrossARestart() {
        Todo kept = store.create("survives", true);
        Todo gone = store.create("deleted", false);
        store.delete(gone.id());
        var file = store.addAttachment(kept.id(), "a.txt", "text/plain", new byte[] {42}).orElseThrow();
        long lastEvent = store.events().latest();
        store.close();

        store = newStore(TodoStore.DEFAULT_RETAINED_EVENTS);
        assertEquals(Optional.of(kept), store.find(kept.id()));
        assertEquals(Optional.of(List.of(file)), store.attachments(kept.id()));
        assertEquals(lastEvent, store.events().latest(), "the bus starts at the newest stored event");
        assertEquals(3, store.eventsAfter(lastEvent - 3, 10).size());
        Todo next = store.create("after restart", false);
        assertTrue(next.id() > gone.id(), "ids are never reused");
        assertEquals(lastEvent + 1, store.events().latest());
    }

    @Test
    void rollsBackTheChangeWhenItsEventCannotBeWritten() throws Exception {
        Todo todo = store.create("fine", false);
        long before = store.events().latest();
        // The event insert comes after the todo write in each transaction: make it fail.
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE todo_events ADD CONSTRAINT no_boom CHECK (data NOT LIKE '%boom%')");
        }
        assertThrows(StoreException.class, () -> store.create("boom", false));
        assertThrows(StoreException.class, () -> store.update(todo.id(), old -> old.with("boom", true)));
        assertEquals(List.of(todo), store.list(null, 10, 0).items(), "neither the new todo nor the update remains");
        assertEquals(List.of(), store.eventsAfter(before, 10), "and no event");
        store.update(todo.id(), old -> old.with("still fine", true));
        List<TodoEvent> events = store.eventsAfter(before, 10);
        assertEquals(1, events.size());
        assertEquals(before + 1, events.get(0).id(), "rolled-back writes left no gap in the ids");
        assertEquals(2, store.find(todo.id()).orElseThrow().version());
    }

    @Test
    void isNotReadyAndAnswersUnavailableUntilMigrated() {
        store.close();
        try (JdbcTodoStore connected = JdbcTodoStore.connect(config())) {
            assertEquals(false, connected.ready());
            var e = assertThrows(StoreUnavailableException.class, () -> connected.find(1));
            assertEquals("the database schema is not migrated yet", e.getMessage());
            connected.migrate();
            assertTrue(connected.ready());
            assertEquals(Optional.empty(), connected.find(1));
            connected.migrate(); // a second call has nothing to do
            assertTrue(connected.create("after migrate", false).id() > 0);
        }
        store = null;
    }

    @Test
    void reportsReadyUntilClosed() {
        assertTrue(store.ready());
        store.close();
        assertEquals(false, store.ready());
        store = null;
    }
}
