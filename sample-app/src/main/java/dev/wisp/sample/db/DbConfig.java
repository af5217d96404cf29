package dev.wisp.sample.db;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach a database and how to use it. Build one with {@link #embedded(Path)} or
 * {@link #postgres(String, String, String)}, then adjust with the {@code with…} copies.
 *
 * @param url               a JDBC URL: {@code jdbc:h2:…} (embedded) or {@code jdbc:postgresql:…}
 * @param user              {@code null} to take it from the URL (or the driver's default)
 * @param password          {@code null} to take it from the URL, or when none is needed
 * @param poolSize          connections kept open, default {@value #DEFAULT_POOL_SIZE}: the most
 *                          queries that run at once; further callers wait for one to come free
 * @param connectionTimeout the longest a caller waits for a free connection (default 5 s) before
 *                          {@link dev.wisp.sample.StoreUnavailableException}; also the connect
 *                          timeout for PostgreSQL
 * @param retainedEvents    the newest events always kept for replay (default
 *                          {@value dev.wisp.sample.TodoStore#DEFAULT_RETAINED_EVENTS}); older ones
 *                          are pruned, at most {@value Outbox#PRUNE_EVERY} events late
 */
public record DbConfig(String url, String user, String password, int poolSize, Duration connectionTimeout, int retainedEvents) {
    /** HikariCP's own default, and its advice: a small pool near 2 × the database's cores. */
    public static final int DEFAULT_POOL_SIZE = 10;
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    public DbConfig {
        if (url == null || !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("url must start with jdbc:h2: or jdbc:postgresql:");
        }
        // Flyway holds one connection for its lock and uses another to migrate.
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be at least 2, was " + poolSize);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms (HikariCP's minimum), was " + connectionTimeout);
        }
        if (retainedEvents < 1) {
            throw new IllegalArgumentException("retainedEvents must be at least 1, was " + retainedEvents);
        }
    }

    /**
     * An H2 database in {@code dataDir} (created if missing), file {@code todos.mv.db}; a path
     * containing {@code ;} is an {@link IllegalArgumentException}. One process
     * at a time: H2 locks the file, and a second instance on the same directory fails to start.
     * {@code LOCK_TIMEOUT} is raised from H2's 1 s so that writers queueing for the outbox's
     * sequence row under load wait instead of failing.
     */
    public static DbConfig embedded(Path dataDir) {
        String path = dataDir.toAbsolutePath().resolve("todos").toString();
        // ';' starts H2's URL settings: a path with one could smuggle in INIT=RUNSCRIPT… and run SQL
        // (the JDBC-URL injection of CVE-2022-23221).
        if (path.indexOf(';') >= 0) {
            throw new IllegalArgumentException("the data directory must not contain ';': " + dataDir);
        }
        return new DbConfig("jdbc:h2:file:" + path + ";LOCK_TIMEOUT=10000", null, null,
                DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT, dev.wisp.sample.TodoStore.DEFAULT_RETAINED_EVENTS);
    }

    /** A PostgreSQL database; {@code user} and {@code password} may be null to use the URL's. */
    public static DbConfig postgres(String jdbcUrl, String user, String password) {
        return new DbConfig(jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                dev.wisp.sample.TodoStore.DEFAULT_RETAINED_EVENTS);
    }

    public DbConfig withPoolSize(int poolSize) {
        return new DbConfig(url, user, password, poolSize, connectionTimeout, retainedEvents);
    }

    public DbConfig withConnectionTimeout(Duration connectionTimeout) {
        return new DbConfig(url, user, password, poolSize, connectionTimeout, retainedEvents);
    }

    public DbConfig withRetainedEvents(int retainedEvents) {
        return new DbConfig(url, user, password, poolSize, connectionTimeout, retainedEvents);
    }

    /** Whether this is PostgreSQL (else H2). */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL without its query (where PostgreSQL URLs may carry a password), for messages and logs. */
    public String safeUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return "DbConfig[url=" + safeUrl() + ", user=" + user + ", poolSize=" + poolSize
                + ", connectionTimeout=" + connectionTimeout + ", retainedEvents=" + retainedEvents + "]";
    }
}
