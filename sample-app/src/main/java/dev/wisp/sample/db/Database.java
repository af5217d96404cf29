package dev.wisp.sample.db;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.wisp.sample.StoreException;
import dev.wisp.sample.StoreUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A connection pool on one database and its schema migrations.
 *
 * <p><b>Pool and virtual threads.</b> Every request runs on its own virtual thread, so nothing in
 * the server bounds how many want the database at once; the pool does. It holds
 * {@link DbConfig#poolSize()} connections, and a caller beyond that parks (cheaply, on a virtual
 * thread) until one is free, or for {@link DbConfig#connectionTimeout()} at most, then gets a
 * {@link StoreUnavailableException} (503). The server's {@code maxConcurrentRequests} is the outer
 * bound: set it near the pool size to make excess requests queue in the server (or get its 503)
 * before they hold any resources; leave it uncapped and they queue here instead.
 *
 * <p><b>Migrations.</b> {@link #migrate()} runs Flyway over {@code classpath:db/migration}. On
 * PostgreSQL Flyway takes an advisory lock, so instances starting together on an empty database
 * apply the schema once: one migrates, the others wait and then find nothing to do. One set of SQL
 * serves both databases; the only difference, the binary column type, is the placeholder
 * {@code ${binary_type}} ({@code BYTEA} or {@code BLOB}).
 *
 * <p>Thread-safe. {@link #close()} closes the pool.
 */
final class Database implements AutoCloseable {
    private final DbConfig config;
    private final HikariDataSource pool;
    private volatile boolean migrated;

    /**
     * Opens the pool and one connection, so a wrong URL, refused connection or bad password fails
     * here with a {@link StoreException} whose message is one line naming the cause.
     */
    Database(DbConfig config) {
        this.config = config;
        // One plain connection first: a refused connection or a bad password then fails here with
        // the driver's message alone, where HikariCP would also log a stack trace.
        try (Connection probe = DriverManager.getConnection(config.url(), driverProperties(config))) {
            probe.isValid(1);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the database at " + config.safeUrl() + ": " + rootMessage(e), e);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("wisp-db");
        hikari.setJdbcUrl(config.url());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(config.connectionTimeout().toMillis(), 5000));
        hikari.setAutoCommit(false); // every use is an explicit transaction, see transaction()
        driverProperties(config).forEach((name, value) -> {
            if (!name.equals("user") && !name.equals("password")) {
                hikari.addDataSourceProperty((String) name, value);
            }
        });
        try {
            this.pool = new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot connect to the database at " + config.safeUrl() + ": " + rootMessage(e), e);
        }
    }

    /** What the driver needs besides the URL: credentials and, for PostgreSQL, a connect timeout. */
    static Properties driverProperties(DbConfig config) {
        Properties props = new Properties();
        if (config.user() != null) {
            props.setProperty("user", config.user());
        }
        if (config.password() != null) {
            props.setProperty("password", config.password());
        }
        if (config.isPostgres()) {
            props.setProperty("connectTimeout", Long.toString(Math.max(1, config.connectionTimeout().toSeconds())));
            props.setProperty("ApplicationName", "wisp-sample-app");
        }
        return props;
    }

    void trackPool(MetricsTrackerFactory factory) {
        pool.setMetricsTrackerFactory(factory);
    }

    DbConfig config() {
        return config;
    }

    /** Applies pending migrations (waiting for another instance that is migrating); idempotent. */
    void migrate() {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("binary_type", config.isPostgres() ? "BYTEA" : "BLOB"))
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("database migration failed: " + rootMessage(e), e);
        }
        migrated = true;
    }

    boolean migrated() {
        return migrated;
    }

    /** Migrated, and a pooled connection answers within 2 s. Never throws. */
    boolean ready() {
        if (!migrated || pool.isClosed()) {
            return false;
        }
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A pooled connection (auto-commit off); {@link StoreUnavailableException} when none came free,
     * or before {@link #migrate()} has finished.
     */
    Connection connection() {
        if (!migrated) {
            throw new StoreUnavailableException("the database schema is not migrated yet", null);
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw new StoreUnavailableException("no database connection free within " + config.connectionTimeout().toMillis() + " ms", e);
        } catch (SQLException e) {
            throw new StoreException("cannot get a database connection: " + rootMessage(e), e);
        }
    }

    /** A unit of work on one connection; it may throw {@link SQLException} freely. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * {@link SQLException}s become {@link StoreException}s; runtime exceptions pass through.
     */
    <T> T transaction(Work<T> work) {
        try (Connection c = connection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLTransientConnectionException e) {
            throw new StoreUnavailableException("database connection lost: " + rootMessage(e), e);
        } catch (SQLException e) {
            throw new StoreException("database error: " + rootMessage(e), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The innermost cause's message, on one line: the part that tells a user what is wrong. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
