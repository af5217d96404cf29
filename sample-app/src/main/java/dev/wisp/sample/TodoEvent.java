package dev.wisp.sample;

/**
 * One change to the todos, as recorded in the outbox in the same transaction as the change.
 *
 * @param id   increasing, never reused; a reader that has seen id {@code n} has seen every event
 *             before it (ids are assigned in commit order), so "the events after {@code n}" is a
 *             complete answer
 * @param type {@link #CREATED}, {@link #UPDATED} or {@link #DELETED}
 * @param data JSON text: the todo as the API sends it, or {@code {"id":N}} for a deleted one
 */
public record TodoEvent(long id, String type, String data) {
    public static final String CREATED = "todo.created";
    public static final String UPDATED = "todo.updated";
    public static final String DELETED = "todo.deleted";

    /** The payload of a {@link #DELETED} event. */
    public static String deletedData(long todoId) {
        return "{\"id\":" + todoId + "}";
    }
}
