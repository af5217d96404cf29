package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.sample.db.DbConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --db} and {@code --data-dir} values into a store choice. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StoreChoiceTest {

    @Test
    void defaultsToH2InWispDataUnderTheWorkingDirectory() {
        DbConfig db = StoreChoice.parse(null, null, null, null).db();
        assertEquals(DbConfig.embedded(Path.of("wisp-data")), db);
        assertTrue(db.url().startsWith("jdbc:h2:file:" + Path.of("wisp-data").toAbsolutePath().resolve("todos")), db.url());
        assertEquals(db, StoreChoice.parse("embedded", " ", null, null).db());
        assertEquals(DbConfig.embedded(Path.of("/var/lib/todos")), StoreChoice.parse(" embedded ", "/var/lib/todos", null, null).db());
    }

    @Test
    void choosesTheInMemoryStore() {
        StoreChoice memory = StoreChoice.parse("memory", "/ignored", null, null);
        assertNull(memory.db());
        try (TodoStore store = memory.open()) {
            assertTrue(store instanceof InMemoryTodoStore);
        }
    }

    @Test
    void takesAJdbcUrlAsItIsWithCredentialsFromTheEnvironment() {
        DbConfig db = StoreChoice.parse("jdbc:postgresql://db:5432/todos?sslmode=require", null, "app", "s3cret").db();
        assertEquals("jdbc:postgresql://db:5432/todos?sslmode=require", db.url());
        assertEquals("app", db.user());
        assertEquals("s3cret", db.password());
        assertEquals("jdbc:postgresql://db:5432/todos", db.safeUrl());
        assertFalse(db.toString().contains("s3cret"));
    }

    @Test
    void turnsAPostgresUriIntoJdbcWithTheUrlsCredentials() {
        DbConfig db = StoreChoice.parse("postgresql://app:p%40ss@db.local:6543/todos?sslmode=disable", null, null, null).db();
        assertEquals("jdbc:postgresql://db.local:6543/todos?sslmode=disable", db.url());
        assertEquals("app", db.user());
        assertEquals("p@ss", db.password());
        DbConfig short_ = StoreChoice.parse("postgres://localhost/todos", null, null, null).db();
        assertEquals("jdbc:postgresql://localhost/todos", short_.url());
        assertNull(short_.user());
        DbConfig env = StoreChoice.parse("postgresql://app:fromurl@h/todos", null, "envuser", "envpass").db();
        assertEquals("envuser", env.user(), "the environment's credentials win");
        assertEquals("envpass", env.password());
    }

    @Test
    void explainsBadValuesWithoutEchoingPasswords() {
        var e = assertThrows(IllegalArgumentException.class, () -> StoreChoice.parse("mysql://u:hunter2@h/db", null, null, null));
        assertTrue(e.getMessage().startsWith("invalid database 'mysql://…@h/db': use memory, embedded, or a PostgreSQL URL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StoreChoice.parse("postgresql://u:hunter2@/db", null, null, null));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StoreChoice.parse("postgresql://host", null, null, null));
        assertTrue(e.getMessage().contains("needs a host and a database"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StoreChoice.parse("postgresql://h o/db", null, null, null));
        assertTrue(e.getMessage().startsWith("invalid database URL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StoreChoice.parse("embedded", "bad\0dir", null, null));
        assertTrue(e.getMessage().startsWith("invalid data directory"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        // ';' would start H2 URL settings (INIT=RUNSCRIPT… runs SQL): refused, not passed on.
        e = assertThrows(IllegalArgumentException.class, () -> StoreChoice.parse("embedded", "data;INIT=RUNSCRIPT FROM 'x.sql'", null, null));
        assertEquals("invalid data directory 'data;INIT=RUNSCRIPT FROM 'x.sql'': it must not contain ';'", e.getMessage());
    }
}
