package dev.wisp.server;

import java.util.Objects;

/**
 * A typed key for data that layers above the core attach to a {@link Request} (route parameters,
 * a request id) without the core knowing about them. Keys compare by identity: keep one
 * {@code static final} instance per kind of data.
 */
public final class AttributeKey<T> {
    private final String name;

    private AttributeKey(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static <T> AttributeKey<T> of(String name) {
        return new AttributeKey<>(name);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "AttributeKey[" + name + "]";
    }
}
