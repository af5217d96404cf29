package dev.wisp.sample;

/**
 * An attachment with its bytes, as read for a download. The array is the store's copy for this
 * caller alone; the size is bounded by the upload limit the routes enforce.
 */
public record AttachmentFile(Attachment attachment, byte[] bytes) {
}
