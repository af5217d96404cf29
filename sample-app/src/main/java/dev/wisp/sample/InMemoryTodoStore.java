package dev.wisp.sample;

import dev.wisp.web.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A {@link TodoStore} in memory, for tests and {@code --db memory}; everything is gone when the
 * process ends. Reads go to sorted concurrent maps without locking (listings come out in id order
 * without sorting). Writes take one lock, so a change, its version and its event happen as one step
 * and event ids follow the order of the changes — simple, and fast enough for a store that never
 * waits for a disk.
 */
public final class InMemoryTodoStore implements TodoStore {
    private final ConcurrentSkipListMap<Long, Todo> todos = new ConcurrentSkipListMap<>();
    private final Map<Long, ConcurrentSkipListMap<Long, AttachmentFile>> files = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ArrayDeque<TodoEvent> log = new ArrayDeque<>(); // guarded by writeLock
    private final EventBus bus = new EventBus();
    private final Json json = Json.create();
    private final int retainedEvents;
    private long lastTodoId;        // guarded by writeLock
    private long lastEventId;       // guarded by writeLock
    private long lastAttachmentId;  // guarded by writeLock

    /** A store keeping the newest {@link #DEFAULT_RETAINED_EVENTS} events. */
    public InMemoryTodoStore() {
        this(DEFAULT_RETAINED_EVENTS);
    }

    /** A store keeping the newest {@code retainedEvents} events (at least 1). */
    public InMemoryTodoStore(int retainedEvents) {
        if (retainedEvents < 1) {
            throw new IllegalArgumentException("retainedEvents must be at least 1, was " + retainedEvents);
        }
        this.retainedEvents = retainedEvents;
    }

    @Override
    public Todo create(String title, boolean completed) {
        writeLock.lock();
        try {
            Todo todo = new Todo(++lastTodoId, title, completed, 1);
            todos.put(todo.id(), todo);
            append(TodoEvent.CREATED, jsonOf(todo));
            return todo;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<Todo> find(long id) {
        return Optional.ofNullable(todos.get(id));
    }

    @Override
    public Page list(Boolean completed, int limit, int offset) {
        List<Todo> items = new ArrayList<>(Math.min(limit, 100));
        long total = 0;
        for (Todo todo : todos.values()) {
            if (completed != null && todo.completed() != completed) {
                continue;
            }
            if (total >= offset && items.size() < limit) {
                items.add(todo);
            }
            total++;
        }
        return new Page(List.copyOf(items), total);
    }

    @Override
    public Optional<Todo> update(long id, UnaryOperator<Todo> change) {
        return switch (write(id, null, change)) {
            case Outcome.Done done -> Optional.of(done.todo());
            default -> Optional.empty();
        };
    }

    @Override
    public Outcome update(long id, long expectedVersion, UnaryOperator<Todo> change) {
        return write(id, expectedVersion, change);
    }

    @Override
    public boolean delete(long id) {
        return write(id, null, null) instanceof Outcome.Done;
    }

    @Override
    public Outcome delete(long id, long expectedVersion) {
        return write(id, expectedVersion, null);
    }

    /** An update ({@code change} not null) or a delete, optionally conditional on the version. */
    private Outcome write(long id, Long expectedVersion, UnaryOperator<Todo> change) {
        writeLock.lock();
        try {
            Todo current = todos.get(id);
            if (current == null) {
                return new Outcome.NotFound();
            }
            if (expectedVersion != null && current.version() != expectedVersion) {
                return new Outcome.Conflict(current);
            }
            if (change == null) {
                todos.remove(id);
                files.remove(id);
                append(TodoEvent.DELETED, TodoEvent.deletedData(id));
                return new Outcome.Done(current);
            }
            Todo changed = change.apply(current);
            if (changed.id() != id) {
                throw new IllegalArgumentException("An update must keep the todo's id");
            }
            Todo updated = new Todo(id, changed.title(), changed.completed(), current.version() + 1);
            todos.put(id, updated);
            append(TodoEvent.UPDATED, jsonOf(updated));
            return new Outcome.Done(updated);
        } finally {
            writeLock.unlock();
        }
    }

    private String jsonOf(Todo todo) {
        return new String(json.write(todo), StandardCharsets.UTF_8);
    }

    /** Records an event (the caller holds the write lock) and wakes subscribers. */
    private void append(String type, String data) {
        log.addLast(new TodoEvent(++lastEventId, type, data));
        while (log.size() > retainedEvents) {
            log.removeFirst();
        }
        bus.publish(lastEventId);
    }

    @Override
    public List<TodoEvent> eventsAfter(long afterId, int limit) {
        writeLock.lock();
        try {
            List<TodoEvent> out = new ArrayList<>(Math.min(limit, log.size()));
            for (TodoEvent event : log) {
                if (out.size() == limit) {
                    break;
                }
                if (event.id() > afterId) {
                    out.add(event);
                }
            }
            return out;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public EventBus events() {
        return bus;
    }

    @Override
    public Optional<Attachment> addAttachment(long todoId, String filename, String contentType, byte[] content) {
        AttachmentNames.checkContentType(contentType);
        writeLock.lock(); // against a concurrent delete of the todo leaving an orphan
        try {
            if (!todos.containsKey(todoId)) {
                return Optional.empty();
            }
            Attachment attachment = new Attachment(++lastAttachmentId, AttachmentNames.clean(filename), contentType, content.length);
            files.computeIfAbsent(todoId, key -> new ConcurrentSkipListMap<>())
                    .put(attachment.id(), new AttachmentFile(attachment, content.clone()));
            return Optional.of(attachment);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<List<Attachment>> attachments(long todoId) {
        if (!todos.containsKey(todoId)) {
            return Optional.empty();
        }
        var mine = files.get(todoId);
        return Optional.of(mine == null ? List.of() : mine.values().stream().map(AttachmentFile::attachment).toList());
    }

    @Override
    public Optional<AttachmentFile> attachment(long todoId, long attachmentId) {
        var mine = files.get(todoId);
        AttachmentFile file = mine == null ? null : mine.get(attachmentId);
        return file == null ? Optional.empty() : Optional.of(new AttachmentFile(file.attachment(), file.bytes().clone()));
    }

    @Override
    public boolean deleteAttachment(long todoId, long attachmentId) {
        var mine = files.get(todoId);
        return mine != null && mine.remove(attachmentId) != null;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
