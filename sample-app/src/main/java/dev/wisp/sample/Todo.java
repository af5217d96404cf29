package dev.wisp.sample;

/** A todo item as stored and as sent to clients. */
public record Todo(long id, String title, boolean completed) {
}
