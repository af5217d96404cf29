package dev.wisp.sample.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.sample.StoreException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection failures and config checks, with no database needed. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DatabaseTest {

    @Test
    void explainsARefusedConnectionInOneLineWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        DbConfig config = DbConfig.postgres("jdbc:postgresql://127.0.0.1:" + port + "/todos?password=hunter2", "app", "s3cret");
        var e = assertThrows(StoreException.class, () -> JdbcTodoStore.open(config));
        String message = e.getMessage();
        assertTrue(message.startsWith("cannot connect to the database at jdbc:postgresql://127.0.0.1:" + port + "/todos: "), message);
        assertTrue(message.contains("refused"), message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(message.contains("hunter2") || message.contains("s3cret"), message);
    }

    @Test
    void refusesConfigsThatCannotWork() {
        DbConfig ok = DbConfig.postgres("jdbc:postgresql://h/db", null, null);
        assertThrows(IllegalArgumentException.class, () -> DbConfig.postgres("jdbc:mysql://h/db", null, null));
        assertThrows(IllegalArgumentException.class, () -> ok.withPoolSize(1));
        assertThrows(IllegalArgumentException.class, () -> ok.withConnectionTimeout(Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> ok.withRetainedEvents(0));
        assertEquals(DbConfig.DEFAULT_POOL_SIZE, ok.poolSize());
    }
}
