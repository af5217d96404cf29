package dev.wisp.sample.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.sample.Todo;
import dev.wisp.sample.TodoEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, each test in a fresh schema, plus what only a shared database
 * needs: concurrent migrations and events that cross instances.
 */
class PostgresTodoStoreTest extends JdbcStoreContract {
    private PostgresTestDatabase db;

    @Override
    DbConfig config() {
        if (db == null) {
            db = PostgresTestDatabase.create();
        }
        return db.config();
    }

    @Override
    Connection connection() throws SQLException {
        config();
        return db.connection();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (store != null) {
            store.close();
            store = null;
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void instancesStartingTogetherOnAnEmptySchemaMigrateItOnce() throws Exception {
        int instances = 4;
        try (PostgresTestDatabase fresh = PostgresTestDatabase.create()) {
            CountDownLatch start = new CountDownLatch(1);
            List<JdbcTodoStore> stores = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(instances)) {
                List<Future<JdbcTodoStore>> opening = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    opening.add(pool.submit(() -> {
                        start.await();
                        return JdbcTodoStore.open(fresh.config());
                    }));
                }
                start.countDown();
                for (Future<JdbcTodoStore> f : opening) {
                    stores.add(f.get()); // every instance started, none failed on a half-made schema
                }
            } finally {
                // closed below, after the checks
            }
            try (Connection c = fresh.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version, count(*) FROM flyway_schema_history"
                         + " WHERE success AND version IS NOT NULL GROUP BY version ORDER BY version")) {
                List<String> applied = new ArrayList<>();
                while (rs.next()) {
                    assertEquals(1, rs.getInt(2), "version " + rs.getString(1) + " applied once");
                    applied.add(rs.getString(1));
                }
                assertEquals(List.of("1", "2", "3"), applied);
            }
            Todo todo = stores.get(0).create("shared", false);
            for (JdbcTodoStore s : stores) {
                assertTrue(s.ready());
                assertEquals(Optional.of(todo), s.find(todo.id()));
                s.close();
            }
        }
    }

    @Test
    void anEventCommittedThroughOneInstanceWakesTheOther() throws Exception {
        try (JdbcTodoStore other = JdbcTodoStore.open(config())) {
            assertTrue(other.listener().awaitSessions(1, 10_000), "the other instance listens");
            long last = other.events().latest();
            CountDownLatch waiting = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Long> woken = pool.submit(() -> {
                    waiting.countDown();
                    return other.events().awaitAfter(last, Duration.ofSeconds(20));
                });
                waiting.await();
                Todo todo = store.create("from the first instance", false);
                assertTrue(woken.get() > last, "woken by the notification, not the timeout");
                List<TodoEvent> events = other.eventsAfter(last, 10);
                assertEquals(1, events.size());
                assertEquals(TodoEvent.CREATED, events.get(0).type());
                assertEquals(todo.id(), parse(events.get(0).data()).get("id").longValue());
                assertEquals(Optional.of(todo), other.find(todo.id()));
            }
        }
    }

    @Test
    void aListenerThatLostItsConnectionReconnectsAndCatchesUp() throws Exception {
        try (JdbcTodoStore other = JdbcTodoStore.open(config())) {
            PgEventListener listener = other.listener();
            assertTrue(listener.awaitSessions(1, 10_000));
            long last = other.events().latest();
            try (Connection c = connection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(" + listener.backendPid() + ")");
            }
            // Committed while the listener may be away: its notification can be lost, the event not.
            Todo todo = store.create("while away", false);
            assertTrue(listener.awaitSessions(2, 15_000), "the listener reconnected");
            assertTrue(other.events().awaitAfter(last, Duration.ofSeconds(15)) > last, "and published what it missed");
            assertEquals(todo.id(), parse(other.eventsAfter(last, 10).get(0).data()).get("id").longValue());
        }
    }
}
