package dev.wisp.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A {@link TodoStore} in memory: a sorted concurrent map, so listings come out in id order without
 * sorting and concurrent writers never lose or duplicate an entry.
 */
public final class InMemoryTodoStore implements TodoStore {
    private final ConcurrentSkipListMap<Long, Todo> todos = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public Todo create(String title, boolean completed) {
        Todo todo = new Todo(ids.incrementAndGet(), title, completed);
        todos.put(todo.id(), todo);
        return todo;
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
        return Optional.ofNullable(todos.computeIfPresent(id, (key, old) -> {
            Todo updated = change.apply(old);
            if (updated.id() != id) {
                throw new IllegalArgumentException("An update must keep the todo's id");
            }
            return updated;
        }));
    }

    @Override
    public boolean delete(long id) {
        return todos.remove(id) != null;
    }
}
