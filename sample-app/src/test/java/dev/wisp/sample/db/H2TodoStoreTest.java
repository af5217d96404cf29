package dev.wisp.sample.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on embedded H2, in a fresh data directory per test. */
class H2TodoStoreTest extends JdbcStoreContract {
    @TempDir
    Path dataDir;

    @Override
    DbConfig config() {
        return DbConfig.embedded(dataDir);
    }

    @Override
    Connection connection() throws SQLException {
        return DriverManager.getConnection(config().url());
    }

    @Test
    void keepsItsDatabaseInTheDataDirectory() {
        store.create("on disk", false);
        assertTrue(Files.exists(dataDir.resolve("todos.mv.db")));
    }
}
