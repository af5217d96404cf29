package dev.wisp.sample.db;

import dev.wisp.sample.Attachment;
import dev.wisp.sample.AttachmentFile;
import dev.wisp.sample.AttachmentNames;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attachments as rows of {@code attachments}, bytes included ({@code BYTEA} on PostgreSQL, a
 * {@code BLOB} on H2). In the database rather than in files so that every instance sharing a
 * PostgreSQL database sees them, they are backed up with the todos, and a todo's delete removes
 * them in its own transaction ({@code ON DELETE CASCADE}); and the client's file name is only ever
 * a column value, never a path. Sizes are bounded by the upload limit, so reading one into memory
 * is fine.
 */
final class JdbcAttachments {
    private final Database db;

    JdbcAttachments(Database db) {
        this.db = db;
    }

    Optional<Attachment> add(long todoId, String filename, String contentType, byte[] content) {
        String name = AttachmentNames.clean(filename);
        AttachmentNames.checkContentType(contentType);
        return db.transaction(c -> {
            // Lock the todo so a concurrent delete either happens first (we answer empty) or waits.
            if (JdbcTodoStore.select(c, todoId, true).isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO attachments (todo_id, filename, content_type, size, content) VALUES (?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                insert.setLong(1, todoId);
                insert.setString(2, name);
                insert.setString(3, contentType);
                insert.setLong(4, content.length);
                insert.setBytes(5, content);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return Optional.of(new Attachment(keys.getLong(1), name, contentType, content.length));
                }
            }
        });
    }

    Optional<List<Attachment>> list(long todoId) {
        return db.transaction(c -> {
            if (JdbcTodoStore.select(c, todoId, false).isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, filename, content_type, size FROM attachments WHERE todo_id = ? ORDER BY id")) {
                select.setLong(1, todoId);
                try (ResultSet rs = select.executeQuery()) {
                    List<Attachment> list = new ArrayList<>();
                    while (rs.next()) {
                        list.add(attachment(rs));
                    }
                    return Optional.of(List.copyOf(list));
                }
            }
        });
    }

    Optional<AttachmentFile> get(long todoId, long attachmentId) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, filename, content_type, size, content FROM attachments WHERE id = ? AND todo_id = ?")) {
                select.setLong(1, attachmentId);
                select.setLong(2, todoId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new AttachmentFile(attachment(rs), rs.getBytes(5))) : Optional.empty();
                }
            }
        });
    }

    boolean delete(long todoId, long attachmentId) {
        return db.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM attachments WHERE id = ? AND todo_id = ?")) {
                delete.setLong(1, attachmentId);
                delete.setLong(2, todoId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    private static Attachment attachment(ResultSet rs) throws SQLException {
        return new Attachment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }
}
