package dev.wisp.sample.db;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own on the machine's PostgreSQL ({@code 127.0.0.1:5432}, database {@code test},
 * trust authentication, user {@code postgres} or {@code root}), dropped with everything in it on
 * {@link #close()}.
 *
 * <p>Without a reachable server the calling test is skipped with a one-line reason, unless the
 * environment has {@code WISP_REQUIRE_POSTGRES=1} (CI sets it), in which case it fails: CI never
 * silently skips the PostgreSQL tests.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String[] USERS = {"postgres", "root"};

    private final String user;
    private final String schema;

    private PostgresTestDatabase(String user, String schema) {
        this.user = user;
        this.schema = schema;
    }

    /** A fresh, empty schema; skips (or fails, see the class comment) without PostgreSQL. */
    public static PostgresTestDatabase create() {
        SQLException last = null;
        for (String user : USERS) {
            try (Connection c = connect(SERVER_URL, user)) {
                String schema = "wisp_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + schema);
                }
                return new PostgresTestDatabase(user, schema);
            } catch (SQLException e) {
                last = e;
            }
        }
        String reason = "PostgreSQL not reachable at 127.0.0.1:5432/test as postgres or root ("
                + Database.rootMessage(last) + ")";
        if ("1".equals(System.getenv("WISP_REQUIRE_POSTGRES"))) {
            fail(reason + " and WISP_REQUIRE_POSTGRES=1");
        }
        Assumptions.abort(reason + "; skipped (set WISP_REQUIRE_POSTGRES=1 to fail instead)");
        throw new AssertionError("unreachable");
    }

    private static Connection connect(String url, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(url, props);
    }

    public String schema() {
        return schema;
    }

    /** A store config on this schema, with a small pool (tests open many stores). */
    public DbConfig config() {
        return DbConfig.postgres(SERVER_URL + "?currentSchema=" + schema, user, null).withPoolSize(4);
    }

    /** A plain connection on this schema (auto-commit), for setting up and inspecting. */
    public Connection connection() throws SQLException {
        return connect(SERVER_URL + "?currentSchema=" + schema, user);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(SERVER_URL, user); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
