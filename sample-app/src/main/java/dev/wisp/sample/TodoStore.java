package dev.wisp.sample;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where todos live. The routes only see this interface, so a database-backed store can replace
 * the in-memory one without touching them. Implementations are thread-safe: many virtual threads
 * call them at once.
 */
public interface TodoStore {

    /** Stores a new todo under a fresh id, never reused. */
    Todo create(String title, boolean completed);

    Optional<Todo> find(long id);

    /** A page of todos in id order, optionally only those with this {@code completed} value. */
    Page list(Boolean completed, int limit, int offset);

    /** Applies {@code change} to the todo atomically; empty when there is no such id. */
    Optional<Todo> update(long id, UnaryOperator<Todo> change);

    /** Whether a todo was removed. */
    boolean delete(long id);

    /** One page of a listing and the number of todos matching in all. */
    record Page(List<Todo> items, long total) {
    }
}
