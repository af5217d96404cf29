package dev.wisp.server.hardening;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the server logs (its {@code System.Logger} "dev.wisp.server" goes to
 * java.util.logging here) while a test runs, so a test can assert that a hostile client left no
 * error behind, or that a handler failure was logged exactly once. Close it to detach.
 */
final class ServerLog extends Handler implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger("dev.wisp.server");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level previousLevel;

    private ServerLog() {
        previousLevel = LOGGER.getLevel();
        LOGGER.setLevel(Level.FINE); // DEBUG events such as conn.close reason=... too
        LOGGER.addHandler(this);
    }

    static ServerLog capture() {
        return new ServerLog();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Records at WARNING or above (System.Logger WARNING and ERROR). */
    List<LogRecord> problems() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    /** Records at SEVERE (System.Logger ERROR). */
    List<LogRecord> errors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    /** Whether any record's raw message contains {@code text} (e.g. an event name). */
    boolean contains(String text) {
        return records.stream().anyMatch(r -> r.getMessage() != null && r.getMessage().contains(text));
    }

    static String describe(List<LogRecord> records) {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : records) {
            sb.append('\n').append(r.getLevel()).append(' ').append(r.getMessage());
            if (r.getThrown() != null) {
                sb.append(" ! ").append(r.getThrown());
            }
        }
        return sb.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        LOGGER.removeHandler(this);
        LOGGER.setLevel(previousLevel);
    }
}
