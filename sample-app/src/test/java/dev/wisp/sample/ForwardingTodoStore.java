package dev.wisp.sample;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A {@link TodoStore} that hands every call to another; tests override the calls they watch or bend. */
abstract class ForwardingTodoStore implements TodoStore {
    final TodoStore store;

    ForwardingTodoStore(TodoStore store) {
        this.store = store;
    }

    @Override
    public Outcome update(long id, long expectedVersion, UnaryOperator<Todo> change) {
        return store.update(id, expectedVersion, change);
    }

    @Override
    public Outcome delete(long id, long expectedVersion) {
        return store.delete(id, expectedVersion);
    }

    @Override
    public Todo create(String title, boolean completed) {
        return store.create(title, completed);
    }

    @Override
    public Optional<Todo> find(long id) {
        return store.find(id);
    }

    @Override
    public Page list(Boolean completed, int limit, int offset) {
        return store.list(completed, limit, offset);
    }

    @Override
    public Optional<Todo> update(long id, UnaryOperator<Todo> change) {
        return store.update(id, change);
    }

    @Override
    public boolean delete(long id) {
        return store.delete(id);
    }

    @Override
    public List<TodoEvent> eventsAfter(long afterId, int limit) {
        return store.eventsAfter(afterId, limit);
    }

    @Override
    public EventBus events() {
        return store.events();
    }

    @Override
    public Optional<Attachment> addAttachment(long todoId, String filename, String contentType, byte[] content) {
        return store.addAttachment(todoId, filename, contentType, content);
    }

    @Override
    public Optional<List<Attachment>> attachments(long todoId) {
        return store.attachments(todoId);
    }

    @Override
    public Optional<AttachmentFile> attachment(long todoId, long attachmentId) {
        return store.attachment(todoId, attachmentId);
    }

    @Override
    public boolean deleteAttachment(long todoId, long attachmentId) {
        return store.deleteAttachment(todoId, attachmentId);
    }

    @Override
    public boolean ready() {
        return store.ready();
    }

    @Override
    public void close() {
        store.close();
    }
}
