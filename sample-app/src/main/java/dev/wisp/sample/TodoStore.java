package dev.wisp.sample;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where todos, their attachments and the events about them live. The routes see only this
 * interface; {@link InMemoryTodoStore} and {@code dev.wisp.sample.db.JdbcTodoStore} implement the
 * same contract, and one test suite runs against both.
 *
 * <p><b>Contract.</b> Implementations are thread-safe: many virtual threads call them at once.
 * Every create, update and delete is atomic with its event: both happen or neither does, and event
 * ids increase in the order the changes became visible. A todo's {@code version} is 1 when created
 * and grows by one on each update, so a client can tell which state it saw; no concurrent update is
 * ever lost. Deleting a todo deletes its attachments. Database failures surface as
 * {@link StoreException} (or {@link StoreUnavailableException} when no connection came free).
 */
public interface TodoStore extends AutoCloseable {

    /** How many of the newest events a store keeps at least, for replay. */
    int DEFAULT_RETAINED_EVENTS = 1000;

    /** Stores a new todo under a fresh id, never reused (also not after a restart), at version 1. */
    Todo create(String title, boolean completed);

    Optional<Todo> find(long id);

    /** A page of todos in id order, optionally only those with this {@code completed} value. */
    Page list(Boolean completed, int limit, int offset);

    /**
     * Applies {@code change} to the current todo and stores the result at the next version, with no
     * other write in between; empty when there is no such id. {@code change} may run more than once
     * per call and must not have side effects; it must keep the id.
     */
    Optional<Todo> update(long id, UnaryOperator<Todo> change);

    /**
     * As {@link #update(long, UnaryOperator)}, only if the todo is still at {@code expectedVersion}
     * (optimistic concurrency, e.g. an HTTP {@code If-Match}): {@link Outcome.Done} with the updated
     * todo, {@link Outcome.NotFound}, or {@link Outcome.Conflict} with the current todo, unchanged.
     */
    Outcome update(long id, long expectedVersion, UnaryOperator<Todo> change);

    /** Whether a todo was removed, with its attachments. */
    boolean delete(long id);

    /**
     * As {@link #delete(long)}, only if the todo is still at {@code expectedVersion};
     * {@link Outcome.Done} carries the todo as it was.
     */
    Outcome delete(long id, long expectedVersion);

    /**
     * Up to {@code limit} events with ids greater than {@code afterId}, oldest first. At least the
     * newest {@link #DEFAULT_RETAINED_EVENTS} (or the store's configured number) are kept; older
     * ones are pruned, so a replay from a very old id starts at the oldest one kept.
     */
    List<TodoEvent> eventsAfter(long afterId, int limit);

    /** Wakes subscribers when new events are committed (by this instance or, with PostgreSQL, another). */
    EventBus events();

    /**
     * Stores a file for a todo; empty when there is no such todo. The routes bound the size. The
     * name is cleaned ({@link AttachmentNames#clean}); a content type that is not printable ASCII of
     * 1 to 255 characters is an {@link IllegalArgumentException}.
     */
    Optional<Attachment> addAttachment(long todoId, String filename, String contentType, byte[] content);

    /** A todo's attachments in id order; empty when there is no such todo. */
    Optional<List<Attachment>> attachments(long todoId);

    /** One attachment with its bytes; empty when the todo or the attachment (of that todo) is missing. */
    Optional<AttachmentFile> attachment(long todoId, long attachmentId);

    /** Whether the todo had this attachment and it was removed. */
    boolean deleteAttachment(long todoId, long attachmentId);

    /**
     * Whether the store can serve requests now: its schema is migrated and its database answers
     * (a {@code /ready} endpoint answers 503 while this is false). Never throws; takes at most a
     * few seconds.
     */
    boolean ready();

    /** Releases connections and threads; the store must not be used afterwards. */
    @Override
    void close();

    /** One page of a listing and the number of todos matching in all. */
    record Page(List<Todo> items, long total) {
    }

    /** The result of a conditional write. */
    sealed interface Outcome {
        /** Written; for an update the new todo, for a delete the todo as it was. */
        record Done(Todo todo) implements Outcome {
        }

        /** No todo with that id. */
        record NotFound() implements Outcome {
        }

        /** The todo is at another version than expected; nothing was written. */
        record Conflict(Todo current) implements Outcome {
        }
    }
}
