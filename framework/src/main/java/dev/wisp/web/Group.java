package dev.wisp.web;

/**
 * Routes under a common prefix with their own middleware, created by
 * {@link Routes#group(String, java.util.function.Consumer)} and configured inside its lambda. A
 * group's middleware runs inside the enclosing app's and groups' middleware, only for the group's
 * own routes and mounts.
 */
public final class Group extends Routes<Group> {
    private final App app;

    Group(String prefix, Routes<?> parent) {
        super(prefix, parent);
        this.app = parent.app();
    }

    @Override
    App app() {
        return app;
    }

    /** The group's full prefix pattern, e.g. {@code /api/users/{id}}. */
    public String prefix() {
        return prefix;
    }
}
