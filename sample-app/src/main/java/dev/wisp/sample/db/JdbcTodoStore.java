package dev.wisp.sample.db;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.wisp.sample.Attachment;
import dev.wisp.sample.AttachmentFile;
import dev.wisp.sample.EventBus;
import dev.wisp.sample.Todo;
import dev.wisp.sample.TodoEvent;
import dev.wisp.sample.TodoStore;
import dev.wisp.web.json.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A {@link TodoStore} in a relational database through plain JDBC: H2 embedded in the process, or
 * PostgreSQL shared by several instances.
 *
 * <p>Every write is one transaction: the todo change, then its {@link Outbox} event. Updates and
 * deletes first read the row with {@code SELECT … FOR UPDATE}, which makes a concurrent writer of
 * the same todo wait for the commit and then see the new row, so no write is lost and a version
 * check is exact. After the commit the store wakes its own {@link EventBus}; with PostgreSQL a
 * {@link PgEventListener} also wakes it for commits made by other instances.
 *
 * <p>Thread-safe; blocking (callers are virtual threads). Open with {@link #open(DbConfig)};
 * {@link #close()} stops the listener and closes the pool.
 */
public final class JdbcTodoStore implements TodoStore {
    private static final String COLUMNS = "id, title, completed, version";

    private final Database db;
    private final Outbox outbox;
    private final JdbcAttachments attachments;
    private final EventBus bus = new EventBus();
    private final Json json = Json.create();
    private final ReentrantLock migrating = new ReentrantLock();
    private volatile PgEventListener listener; // null for H2 and before migrate()

    private JdbcTodoStore(Database db) {
        this.db = db;
        this.outbox = new Outbox(db.config().isPostgres(), db.config().retainedEvents());
        this.attachments = new JdbcAttachments(db);
    }

    /**
     * Connects, applies pending migrations (waiting while another instance applies them), and on
     * PostgreSQL starts listening for other instances' events: {@link #connect} then {@link #migrate}.
     *
     * @throws dev.wisp.sample.StoreException with a one-line message when the database cannot be
     *                                        reached or migrated
     */
    public static JdbcTodoStore open(DbConfig config) {
        JdbcTodoStore store = connect(config);
        try {
            store.migrate();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Connects without migrating, for an app that starts serving first and migrates on another
     * thread: until {@link #migrate()} returns, {@link #ready()} is false and every other call
     * throws {@link dev.wisp.sample.StoreUnavailableException} (a 503).
     *
     * @throws dev.wisp.sample.StoreException with a one-line message when the database cannot be reached
     */
    public static JdbcTodoStore connect(DbConfig config) {
        return new JdbcTodoStore(new Database(config));
    }

    /**
     * Applies pending migrations, waiting while another instance applies them; then the store is
     * usable and, on PostgreSQL, listens for other instances' events. Call once.
     *
     * @throws dev.wisp.sample.StoreException with a one-line message when a migration fails
     */
    public void migrate() {
        migrating.lock(); // a lock, not synchronized: it is held across blocking I/O
        try {
            if (db.migrated()) {
                return;
            }
            db.migrate();
            bus.publish(db.transaction(Outbox::latest));
            if (db.config().isPostgres()) {
                listener = new PgEventListener(db.config(), bus);
            }
        } finally {
            migrating.unlock();
        }
    }

    @Override
    public Todo create(String title, boolean completed) {
        Written written = db.transaction(c -> {
            long id;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO todos (title, completed, version) VALUES (?, ?, 1)", new String[] {"id"})) {
                insert.setString(1, title);
                insert.setBoolean(2, completed);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            Todo todo = new Todo(id, title, completed, 1);
            return new Written(new Outcome.Done(todo), outbox.append(c, TodoEvent.CREATED, jsonOf(todo)));
        });
        bus.publish(written.eventId());
        return ((Outcome.Done) written.outcome()).todo();
    }

    @Override
    public Optional<Todo> find(long id) {
        return db.transaction(c -> select(c, id, false));
    }

    @Override
    public Page list(Boolean completed, int limit, int offset) {
        String where = completed == null ? "" : " WHERE completed = ?";
        return db.transaction(c -> {
            List<Todo> items = new ArrayList<>(Math.min(limit, 100));
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM todos" + where + " ORDER BY id LIMIT ? OFFSET ?")) {
                int i = 1;
                if (completed != null) {
                    select.setBoolean(i++, completed);
                }
                select.setInt(i++, limit);
                select.setInt(i, offset);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(todo(rs));
                    }
                }
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM todos" + where)) {
                if (completed != null) {
                    count.setBoolean(1, completed);
                }
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return new Page(List.copyOf(items), rs.getLong(1));
                }
            }
        });
    }

    @Override
    public Optional<Todo> update(long id, UnaryOperator<Todo> change) {
        return write(id, null, change) instanceof Outcome.Done done ? Optional.of(done.todo()) : Optional.empty();
    }

    @Override
    public Outcome update(long id, long expectedVersion, UnaryOperator<Todo> change) {
        return write(id, expectedVersion, change);
    }

    @Override
    public boolean delete(long id) {
        return write(id, null, null) instanceof Outcome.Done;
    }

    @Override
    public Outcome delete(long id, long expectedVersion) {
        return write(id, expectedVersion, null);
    }

    /** An update ({@code change} not null) or a delete, optionally conditional on the version. */
    private Outcome write(long id, Long expectedVersion, UnaryOperator<Todo> change) {
        Written written = db.transaction(c -> {
            Optional<Todo> locked = select(c, id, true);
            if (locked.isEmpty()) {
                return new Written(new Outcome.NotFound(), 0);
            }
            Todo current = locked.get();
            if (expectedVersion != null && current.version() != expectedVersion) {
                return new Written(new Outcome.Conflict(current), 0);
            }
            if (change == null) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM todos WHERE id = ?")) {
                    delete.setLong(1, id);
                    delete.executeUpdate(); // attachments go with it: ON DELETE CASCADE
                }
                return new Written(new Outcome.Done(current), outbox.append(c, TodoEvent.DELETED, TodoEvent.deletedData(id)));
            }
            Todo changed = change.apply(current);
            if (changed.id() != id) {
                throw new IllegalArgumentException("An update must keep the todo's id");
            }
            Todo updated = new Todo(id, changed.title(), changed.completed(), current.version() + 1);
            try (PreparedStatement update = c.prepareStatement("UPDATE todos SET title = ?, completed = ?, version = ? WHERE id = ?")) {
                update.setString(1, updated.title());
                update.setBoolean(2, updated.completed());
                update.setLong(3, updated.version());
                update.setLong(4, id);
                update.executeUpdate();
            }
            return new Written(new Outcome.Done(updated), outbox.append(c, TodoEvent.UPDATED, jsonOf(updated)));
        });
        if (written.eventId() > 0) {
            bus.publish(written.eventId());
        }
        return written.outcome();
    }

    @Override
    public List<TodoEvent> eventsAfter(long afterId, int limit) {
        return db.transaction(c -> Outbox.after(c, afterId, limit));
    }

    @Override
    public EventBus events() {
        return bus;
    }

    @Override
    public Optional<Attachment> addAttachment(long todoId, String filename, String contentType, byte[] content) {
        return attachments.add(todoId, filename, contentType, content);
    }

    @Override
    public Optional<List<Attachment>> attachments(long todoId) {
        return attachments.list(todoId);
    }

    @Override
    public Optional<AttachmentFile> attachment(long todoId, long attachmentId) {
        return attachments.get(todoId, attachmentId);
    }

    @Override
    public boolean deleteAttachment(long todoId, long attachmentId) {
        return attachments.delete(todoId, attachmentId);
    }

    @Override
    public boolean ready() {
        return db.ready();
    }

    /**
     * Records the connection pool's metrics (active, idle, pending connections, wait and usage
     * times) through this factory, e.g. HikariCP's Micrometer one. Call at most once.
     */
    public void trackPool(MetricsTrackerFactory factory) {
        db.trackPool(factory);
    }

    /** The PostgreSQL event listener, for tests; null on H2 and before {@link #migrate()}. */
    PgEventListener listener() {
        return listener;
    }

    @Override
    public void close() {
        PgEventListener l = listener;
        if (l != null) {
            l.close();
        }
        db.close();
    }

    /** The todo with this id, optionally locked against other writers until the transaction ends. */
    static Optional<Todo> select(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM todos WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(todo(rs)) : Optional.empty();
            }
        }
    }

    private static Todo todo(ResultSet rs) throws SQLException {
        return new Todo(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getLong(4));
    }

    private String jsonOf(Todo todo) {
        return new String(json.write(todo), StandardCharsets.UTF_8);
    }

    /** What a write transaction produced: its outcome and its event's id (0 when none). */
    private record Written(Outcome outcome, long eventId) {
    }
}
