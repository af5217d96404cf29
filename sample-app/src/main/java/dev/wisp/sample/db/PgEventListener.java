package dev.wisp.sample.db;

import dev.wisp.sample.EventBus;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes this instance's {@link EventBus} when any instance commits an event to the shared
 * PostgreSQL database: {@code LISTEN wisp_todo_events} on a dedicated connection (outside the pool,
 * since a listening session must stay open), answered by the {@code pg_notify} that
 * {@link Outbox#append} makes in each writing transaction.
 *
 * <p>A notification is only a wake-up call: on each batch the listener reads the newest committed
 * event id from the database and publishes that, so the outbox table stays the source of truth.
 * When the connection is lost the listener reconnects (backing off from 100 ms to 5 s), listens
 * again, and publishes the newest id once more; subscribers then read whatever was committed while
 * it was away, so nothing is lost between a notification and a reconnect.
 *
 * <p>One platform daemon thread, {@code wisp-pg-listen}, blocked in the driver's socket read.
 * Log events (logger {@code dev.wisp.sample}): {@code db.listen.lost}, {@code db.listen.resumed}.
 */
final class PgEventListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.wisp.sample");
    private static final int POLL_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final DbConfig config;
    private final EventBus bus;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closing = lock.newCondition(); // also signalled when a session starts
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile int backendPid;
    private long sessions; // guarded by lock

    PgEventListener(DbConfig config, EventBus bus) {
        this.config = config;
        this.bus = bus;
        this.thread = Thread.ofPlatform().name("wisp-pg-listen").daemon().start(this::run);
    }

    private void run() {
        long backoff = 100;
        boolean lost = false;
        while (!closed) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + Outbox.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                backendPid = pg.getBackendPID();
                lock.lock();
                try {
                    sessions++;
                    closing.signalAll();
                } finally {
                    lock.unlock();
                }
                if (lost) {
                    LOG.log(Level.INFO, "db.listen.resumed");
                    lost = false;
                }
                backoff = 100;
                bus.publish(Outbox.latest(c)); // what was committed while not listening
                while (!closed) {
                    PGNotification[] batch = pg.getNotifications(POLL_MILLIS);
                    if (batch != null && batch.length > 0) {
                        bus.publish(Outbox.latest(c));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!lost) {
                    LOG.log(Level.WARNING, "db.listen.lost reason=" + Database.rootMessage(e));
                    lost = true;
                }
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } finally {
                connection = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = Database.driverProperties(config);
        props.setProperty("ApplicationName", "wisp-sample-app listener");
        Connection c = DriverManager.getConnection(config.url(), props);
        c.setAutoCommit(true); // a LISTEN takes effect at commit; notifications arrive between statements
        return c;
    }

    private void pause(long millis) {
        lock.lock();
        try {
            if (!closed) {
                closing.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The server process id of the listening session (0 before the first), for tests. */
    int backendPid() {
        return backendPid;
    }

    /**
     * Waits until at least {@code count} listening sessions have started (more than one after a
     * reconnect); whether they had, for tests.
     */
    boolean awaitSessions(long count, long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (sessions < count && nanos > 0) {
                nanos = closing.awaitNanos(nanos);
            }
            return sessions >= count;
        } finally {
            lock.unlock();
        }
    }

    /** Stops listening and waits (up to 5 s) for the thread to end. */
    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            closing.signalAll();
        } finally {
            lock.unlock();
        }
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
