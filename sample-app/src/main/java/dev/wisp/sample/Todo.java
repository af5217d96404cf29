package dev.wisp.sample;

/**
 * A todo item as stored and as sent to clients.
 *
 * @param version 1 when created, one more on every update; the store assigns it (a {@code version}
 *                in a todo handed to an update is ignored). An HTTP {@code ETag} is {@code "<version>"}.
 */
public record Todo(long id, String title, boolean completed, long version) {

    /** This todo with another title and completed flag, same id and version. */
    public Todo with(String title, boolean completed) {
        return new Todo(id, title, completed, version);
    }
}
