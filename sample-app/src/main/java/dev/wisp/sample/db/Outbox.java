package dev.wisp.sample.db;

import dev.wisp.sample.TodoEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The events table ({@code todo_events}), written in the same transaction as the change it
 * describes, so an event exists exactly when its change was committed.
 *
 * <p><b>Ids in commit order.</b> An identity column or sequence hands out ids at insert time, so a
 * transaction holding id 5 could commit after one holding id 6, and a reader that had seen 6 would
 * skip 5 forever. Instead {@link #append} takes the next id from the single row of
 * {@code event_sequence} with an {@code UPDATE}, whose row lock is held until commit: writers take
 * ids one at a time, in the order they commit, and "the events after n" is always complete. The
 * price is that writes serialise from the append to the commit, which is why stores append last,
 * after their other statements.
 *
 * <p><b>Pruning</b> runs inside every {@value #PRUNE_EVERY}th append and deletes events more than
 * {@code retained} behind it, so between {@code retained} and {@code retained + PRUNE_EVERY} events
 * are kept, with no background job.
 *
 * <p><b>Waking other instances.</b> On PostgreSQL the append also calls
 * {@code pg_notify('wisp_todo_events', id)}; PostgreSQL delivers it only when the transaction
 * commits, and never after a rollback ({@link PgEventListener} receives it).
 */
final class Outbox {
    static final int PRUNE_EVERY = 100;
    static final String CHANNEL = "wisp_todo_events";

    private final boolean postgres;
    private final int retained;

    Outbox(boolean postgres, int retained) {
        this.postgres = postgres;
        this.retained = retained;
    }

    /** Appends an event in {@code c}'s transaction and returns its id; see the class comment. */
    long append(Connection c, String type, String data) throws SQLException {
        try (PreparedStatement next = c.prepareStatement("UPDATE event_sequence SET last_id = last_id + 1 WHERE id = 1")) {
            next.executeUpdate();
        }
        long id = latest(c);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO todo_events (id, type, data) VALUES (?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, type);
            insert.setString(3, data);
            insert.executeUpdate();
        }
        if (postgres) {
            try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                notify.setString(1, Long.toString(id));
                notify.execute();
            }
        }
        if (id % PRUNE_EVERY == 0 && id > retained) {
            try (PreparedStatement prune = c.prepareStatement("DELETE FROM todo_events WHERE id <= ?")) {
                prune.setLong(1, id - retained);
                prune.executeUpdate();
            }
        }
        return id;
    }

    /** The id of the newest event committed (as {@code c} sees it); 0 before any. */
    static long latest(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT last_id FROM event_sequence WHERE id = 1");
             ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Up to {@code limit} events after {@code afterId}, oldest first. */
    static List<TodoEvent> after(Connection c, long afterId, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id, type, data FROM todo_events WHERE id > ? ORDER BY id LIMIT ?")) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<TodoEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new TodoEvent(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
                return events;
            }
        }
    }
}
