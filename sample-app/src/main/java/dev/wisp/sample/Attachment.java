package dev.wisp.sample;

/**
 * A file attached to a todo, without its bytes (what a listing sends).
 *
 * @param filename    the client's name after {@link AttachmentNames#clean}: a display name only,
 *                    never used as a path
 * @param contentType as uploaded, e.g. {@code image/png}
 * @param size        in bytes
 */
public record Attachment(long id, String filename, String contentType, long size) {
}
