package dev.wisp.sample;

import dev.wisp.server.MediaType;
import dev.wisp.server.Response;
import dev.wisp.web.Group;
import dev.wisp.web.Result;
import dev.wisp.web.WebRequest;
import dev.wisp.web.multipart.MultipartReader;
import dev.wisp.web.multipart.Part;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.FieldError;
import dev.wisp.web.problem.NotFoundException;
import java.io.IOException;
import java.util.List;

/**
 * Files attached to a todo, under {@code /api/todos/{id}/attachments}:
 * <ul>
 *   <li>{@code POST} a {@code multipart/form-data} body with one file part named {@code file} →
 *       201, {@code Location}, {@code {"id","filename","contentType","size"}};</li>
 *   <li>{@code GET} → the todo's attachments as a JSON array, in id order;</li>
 *   <li>{@code GET /{aid}} → the bytes, with the uploaded {@code Content-Type} and
 *       {@code Content-Disposition: attachment} ({@link Disposition});</li>
 *   <li>{@code DELETE /{aid}} → 204.</li>
 * </ul>
 * An unknown todo or attachment is a 404 problem. An upload that is not multipart is a 415, a
 * malformed one a 400 (from the framework's reader, or here: no {@code file} part, two of them,
 * no file chosen, a bad part {@code Content-Type}), a file over {@link ApiSettings#maxUploadBytes()}
 * a 413 naming {@code maxFileBytes}. The body is read to its end before anything is stored, so a
 * truncated upload stores nothing. The client's file name is only ever data: cleaned by the
 * framework ({@code Part.safeFilename()}) and the store, kept in a column, sent back in a header.
 */
final class AttachmentRoutes {
    static final String PART = "file";

    private final TodoStore store;

    AttachmentRoutes(TodoStore store) {
        this.store = store;
    }

    /** Registers the routes on a group for {@code /todos/{id}/attachments}, with the upload limits. */
    void register(Group files, ApiSettings settings) {
        files.maxBodyBytes(settings.uploadBodyBytes())
                .multipartLimits(settings.uploadLimits())
                .post("", this::upload)
                .get("", this::list)
                .get("/{aid}", this::download)
                .delete("/{aid}", this::delete);
    }

    private Result upload(WebRequest req) throws IOException {
        long todoId = req.pathLong("id");
        // 404 before reading a byte of what may be megabytes (RFC 9110 §15.5.5); the store checks again.
        if (store.find(todoId).isEmpty()) {
            throw TodoApp.notFound(todoId);
        }
        MultipartReader parts = req.multipart(); // 415 when not multipart/form-data, 400 for a bad boundary
        String filename = null;
        String contentType = null;
        byte[] content = null;
        for (Part part; (part = parts.next()) != null; ) {
            if (!part.name().equals(PART)) {
                continue; // other fields are skipped, within the multipart limits
            }
            if (content != null) {
                throw badUpload("send one file per request in the part '" + PART + "'");
            }
            if (!part.isFile() || part.filename().isEmpty()) {
                throw badUpload("the part '" + PART + "' must be a file (with a filename): no file was chosen");
            }
            contentType = contentType(part.contentType());
            filename = part.safeFilename();
            content = part.bytes(); // 413 past maxFileBytes
        }
        if (content == null) {
            throw badUpload("the body has no part named '" + PART + "', e.g. curl -F " + PART + "=@notes.txt");
        }
        Attachment attachment = store.addAttachment(todoId, filename, contentType, content)
                .orElseThrow(() -> TodoApp.notFound(todoId)); // deleted while the body arrived
        return Result.created("/api/todos/" + todoId + "/attachments/" + attachment.id(), attachment);
    }

    private List<Attachment> list(WebRequest req) {
        long todoId = req.pathLong("id");
        return store.attachments(todoId).orElseThrow(() -> TodoApp.notFound(todoId));
    }

    private Response download(WebRequest req) {
        long todoId = req.pathLong("id");
        long id = req.pathLong("aid");
        AttachmentFile file = store.attachment(todoId, id).orElseThrow(() -> notFound(todoId, id));
        return Response.bytes(file.bytes(), file.attachment().contentType())
                .withHeader("Content-Disposition", Disposition.attachment(file.attachment().filename()))
                // Uploaded bytes are the client's: never let a browser sniff them into HTML or run
                // them in this origin if it displays them anyway (defence in depth beside "attachment").
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Content-Security-Policy", "sandbox; default-src 'none'");
    }

    private Object delete(WebRequest req) {
        long todoId = req.pathLong("id");
        long id = req.pathLong("aid");
        if (!store.deleteAttachment(todoId, id)) {
            throw notFound(todoId, id);
        }
        return null; // 204
    }

    /**
     * The part's declared media type, if it is one (RFC 9110 §8.3.1) and fits the store's column
     * (printable ASCII, at most 255 characters); otherwise a 400, since it would be sent back as
     * this file's {@code Content-Type}.
     */
    private static String contentType(String declared) {
        if (MediaType.parse(declared).isEmpty()) {
            throw badUpload("the part '" + PART + "' has an invalid Content-Type; send a media type such as text/plain");
        }
        try {
            return AttachmentNames.checkContentType(declared);
        } catch (IllegalArgumentException e) {
            throw badUpload("the part '" + PART + "' has an invalid Content-Type: " + e.getMessage());
        }
    }

    private static BadRequestException badUpload(String detail) {
        return new BadRequestException("Invalid upload: " + detail, List.of(FieldError.parameter(PART, detail)));
    }

    private static NotFoundException notFound(long todoId, long id) {
        return new NotFoundException("No attachment " + id + " on todo " + todoId);
    }
}
