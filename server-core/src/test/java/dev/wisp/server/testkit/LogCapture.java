package dev.wisp.server.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one log capture of the tests (server core and framework): records what a logger publishes
 * while a test runs — {@code System.Logger} goes to java.util.logging here — so a test can assert
 * that a hostile client left no error behind, or that a failure was logged exactly once. DEBUG
 * events ({@code conn.close reason=...}) are captured too. While attached, the records go only
 * here, not to the console. Close it to detach and restore the logger.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousUseParent;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String name) {
        logger = Logger.getLogger(name);
        previousLevel = logger.getLevel();
        previousUseParent = logger.getUseParentHandlers();
        logger.setLevel(Level.FINE);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    /** Captures the logger {@code name} and its children ({@code "dev.wisp.web"}, …). */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** Captures the server core's logger, {@code dev.wisp.server}. */
    public static LogCapture server() {
        return of("dev.wisp.server");
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Every record so far, in order. */
    public List<LogRecord> records() {
        return records;
    }

    /** Records at WARNING or above (System.Logger WARNING and ERROR). */
    public List<LogRecord> problems() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    /** Records at SEVERE (System.Logger ERROR). */
    public List<LogRecord> errors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    /** Whether any record's raw message contains {@code text} (e.g. an event name). */
    public boolean contains(String text) {
        return records.stream().anyMatch(r -> r.getMessage() != null && r.getMessage().contains(text));
    }

    /** The records as lines, for an assertion message. */
    public static String describe(List<LogRecord> records) {
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
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParent);
    }
}
