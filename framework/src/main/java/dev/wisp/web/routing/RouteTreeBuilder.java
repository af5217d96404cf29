package dev.wisp.web.routing;

import dev.wisp.web.routing.RoutePattern.CatchAll;
import dev.wisp.web.routing.RoutePattern.Literal;
import dev.wisp.web.routing.RoutePattern.Param;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects routes and mounts, rejecting conflicts as they are added, then freezes them into a
 * {@link RouteTree}. Not thread-safe: build the tree on one thread, then share the tree.
 *
 * <p>Two routes conflict when they would match exactly the same requests: the same method and the
 * same shape (literals equal, parameters in the same places, whatever their names). Two mounts at
 * the same prefix conflict, and so do a mount and a catch-all route directly under the same
 * prefix, since both claim the rest of the path. Anything else is resolved by precedence (see
 * {@link RouteTree}). A conflict throws {@link IllegalArgumentException} naming both routes.
 *
 * @param <H> the value registered with each route
 */
public final class RouteTreeBuilder<H> {
    private final MNode<H> root = new MNode<>(0);
    private final Set<String> methods = new HashSet<>();
    private int slots;

    /** Adds a route for one method (a token such as {@code GET}; case-sensitive, RFC 9110 §9.1). */
    public RouteTreeBuilder<H> add(String method, RoutePattern pattern, H value) {
        Objects.requireNonNull(value, "value");
        checkMethod(method);
        MNode<H> node = walk(pattern, pattern.segments().size());
        MNode.Entry<H> existing = node.endpoints.get(method);
        if (existing != null) {
            throw conflict(method + " " + pattern, method + " " + existing.pattern());
        }
        if (pattern.segments().getLast() instanceof CatchAll) {
            MNode.Entry<H> mount = walk(pattern, pattern.segments().size() - 1).mount;
            if (mount != null) {
                throw conflict(method + " " + pattern, "mount at '" + mount.pattern() + "'");
            }
        }
        node.endpoints.put(method, new MNode.Entry<>(pattern, value));
        methods.add(method);
        return this;
    }

    /**
     * Mounts a value that takes every method and every path under {@code prefix} (a pattern
     * without catch-all): the prefix itself and anything below it that no more specific route
     * claims.
     */
    public RouteTreeBuilder<H> mount(RoutePattern prefix, H value) {
        Objects.requireNonNull(value, "value");
        if (prefix.segments().getLast() instanceof CatchAll) {
            throw new IllegalArgumentException("Mount prefix '" + prefix + "' must not end with a catch-all: the mount takes the rest of the path");
        }
        boolean root = prefix.segments().size() == 1 && prefix.segments().getFirst() instanceof Literal l && l.text().isEmpty();
        MNode<H> node = root ? this.root : walk(prefix, prefix.segments().size());
        if (node.mount != null) {
            throw conflict("mount at '" + prefix + "'", "mount at '" + node.mount.pattern() + "'");
        }
        if (node.catchAll != null && !node.catchAll.endpoints.isEmpty()) {
            MNode.Entry<H> any = node.catchAll.endpoints.values().iterator().next();
            throw conflict("mount at '" + prefix + "'", "route '" + any.pattern() + "'");
        }
        node.mount = new MNode.Entry<>(prefix, value);
        return this;
    }

    /** Freezes the routes, turning each registered value into its final form with {@code compile}. */
    public <R> RouteTree<R> build(Function<? super H, ? extends R> compile) {
        return new RouteTree<>(freeze(root, compile), slots, methods);
    }

    private MNode<H> walk(RoutePattern pattern, int count) {
        MNode<H> node = root;
        int depth = 0;
        for (int i = 0; i < count; i++) {
            RoutePattern.Segment seg = pattern.segments().get(i);
            node = switch (seg) {
                case Literal l -> node.statics.computeIfAbsent(l.text(), k -> new MNode<>(0));
                case Param p -> node.param != null ? node.param : (node.param = new MNode<>(depth));
                case CatchAll c -> node.catchAll != null ? node.catchAll : (node.catchAll = new MNode<>(depth));
            };
            if (!(seg instanceof Literal)) {
                depth++;
            }
            slots = Math.max(slots, depth);
        }
        return node;
    }

    private static <H, R> RouteTree.Node<R> freeze(MNode<H> n, Function<? super H, ? extends R> compile) {
        Map<String, RouteTree.Node<R>> statics = new LinkedHashMap<>();
        n.statics.forEach((k, v) -> statics.put(k, freeze(v, compile)));
        Map<String, RouteTree.Endpoint<R>> endpoints = new LinkedHashMap<>();
        n.endpoints.forEach((m, e) -> endpoints.put(m, new RouteTree.Endpoint<>(e.pattern(), compile.apply(e.value()))));
        return new RouteTree.Node<>(statics,
                n.param == null ? null : freeze(n.param, compile),
                n.catchAll == null ? null : freeze(n.catchAll, compile),
                n.slot, endpoints,
                n.mount == null ? null : new RouteTree.Endpoint<>(n.mount.pattern(), compile.apply(n.mount.value())));
    }

    private static void checkMethod(String method) {
        Objects.requireNonNull(method, "method");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("HTTP method is empty");
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                throw new IllegalArgumentException("HTTP method '" + method + "' is not a token (RFC 9110 §9.1); methods look like GET or PROPFIND");
            }
        }
    }

    private static IllegalArgumentException conflict(String added, String existing) {
        return new IllegalArgumentException("Route " + added + " conflicts with " + existing
                + ", registered earlier: both would match the same requests. Remove one, or make one more specific with a literal segment.");
    }

    /** A node under construction. */
    private static final class MNode<H> {
        record Entry<H>(RoutePattern pattern, H value) {
        }

        final int slot;
        final Map<String, MNode<H>> statics = new LinkedHashMap<>();
        final Map<String, Entry<H>> endpoints = new LinkedHashMap<>();
        MNode<H> param;
        MNode<H> catchAll;
        Entry<H> mount;

        MNode(int slot) {
            this.slot = slot;
        }
    }
}
