package dev.wisp.web.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable tree of route patterns, one level per path segment, built once by
 * {@link RouteTreeBuilder} and safe to share between threads.
 *
 * <p><b>Matching</b> walks the raw request path segment by segment, left to right, without
 * splitting it or running a regex: at each node a literal child beats the parameter child, which
 * beats a catch-all, which beats a mount; when the more specific branch cannot lead to a route for
 * the request's method, the next one is tried (Go 1.22's "most specific wins", independent of
 * registration order). Literals are compared with the segment percent-decoded, but segment
 * boundaries are the raw {@code /}s, so {@code %2F} never splits a segment. The cost is
 * proportional to the number of segments (times the few branches backtracked into).
 *
 * <p><b>Methods</b>: a route for GET also answers HEAD unless HEAD has its own route. When a path
 * matches routes but none for the method, the result is {@link RouteMatch.MethodNotAllowed} with
 * the {@code Allow} value: the methods of every route matching the path, plus HEAD with GET, plus
 * OPTIONS (which the framework answers itself).
 *
 * @param <H> the value registered with each route (the framework uses a compiled handler)
 */
public final class RouteTree<H> {
    private static final List<String> CANONICAL = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Comparator<String> METHOD_ORDER = Comparator
            .comparingInt((String m) -> CANONICAL.contains(m) ? CANONICAL.indexOf(m) : CANONICAL.size())
            .thenComparing(Comparator.naturalOrder());

    private final Node<H> root;
    private final int slots;
    private final String allowAll;
    private final Map<String, Node<H>> literalPaths;

    RouteTree(Node<H> root, int slots, Set<String> allMethods) {
        this.root = root;
        this.slots = slots;
        this.allowAll = allow(allMethods);
        this.literalPaths = new HashMap<>();
        collectLiteralPaths(root, "", literalPaths);
    }

    /** Every node reached by literal segments only, by its path spelled as a request would spell it. */
    private static <H> void collectLiteralPaths(Node<H> node, String path, Map<String, Node<H>> into) {
        if (node.statics == null) {
            return;
        }
        node.staticChildren.forEach((segment, child) -> {
            String childPath = path + "/" + segment;
            if (!child.endpoints.isEmpty()) {
                into.put(childPath, child);
            }
            collectLiteralPaths(child, childPath, into);
        });
    }

    /** The {@code Allow} value for {@code OPTIONS *}: every method any route accepts. */
    public String allowAll() {
        return allowAll;
    }

    /**
     * Finds the route for {@code method} and {@code rawPath} (the still percent-encoded path,
     * starting with {@code /}). Throws {@link dev.wisp.server.PercentEncoding.MalformedException}
     * when a segment that has to be compared with a literal is not valid percent-encoded UTF-8.
     */
    public RouteMatch<H> find(String method, String rawPath) {
        return find(method, rawPath, null);
    }

    /**
     * {@link #find(String, String)}, given also {@code path}, the same path as the server decoded
     * it ({@link dev.wisp.server.Request#path()}), or {@code null}. When an escape in the raw path
     * changed it but no escape was a {@code /} (the two have the same segments), a route of
     * literals only is looked up by the decoded path at once, as the raw path would be — the
     * request is not decoded a second time. Segments are otherwise still matched raw, so
     * {@code %2F} never splits one.
     */
    public RouteMatch<H> find(String method, String rawPath, String path) {
        int len = rawPath.length();
        if (len == 0 || rawPath.charAt(0) != '/') {
            return new RouteMatch.NotFound<>();
        }
        // Fast path: a route made of literals only, spelled exactly as registered, is the most
        // specific match there can be (a literal beats anything at every segment). One hash
        // lookup, no allocation; most requests of most apps end here.
        Node<H> exact = literalPaths.get(rawPath);
        if (exact == null && path != null && !path.equals(rawPath) && sameSegments(rawPath, path)) {
            exact = literalPaths.get(path);
        }
        if (exact != null) {
            Endpoint<H> e = exact.endpoint(method);
            if (e != null) {
                return e.staticMatch;
            }
        }
        Search<H> search = new Search<>(method, rawPath, slots);
        if (search.walk(root, 1)) {
            return search.result;
        }
        if (search.allowed != null) {
            return new RouteMatch.MethodNotAllowed<>(allow(search.allowed), search.owner);
        }
        return new RouteMatch.NotFound<>();
    }

    /** Whether the decoded path has exactly the raw path's {@code /}s: no escape decoded to one. */
    private static boolean sameSegments(String rawPath, String path) {
        int slashes = 0;
        for (int i = 0; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '/') {
                slashes++;
            }
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/' && --slashes < 0) {
                return false;
            }
        }
        return slashes == 0;
    }

    static String allow(Set<String> methods) {
        TreeSet<String> sorted = new TreeSet<>(METHOD_ORDER);
        sorted.addAll(methods);
        if (sorted.contains("GET")) {
            sorted.add("HEAD");
        }
        sorted.add("OPTIONS");
        return String.join(", ", sorted);
    }

    /** One depth-first search; the backtracking state lives here, not in the shared tree. */
    private static final class Search<H> {
        final String method;
        final String path;
        final int len;
        final int[] bounds;
        RouteMatch<H> result;
        Set<String> allowed;
        H owner;

        Search(String method, String path, int slots) {
            this.method = method;
            this.path = path;
            this.len = path.length();
            this.bounds = new int[2 * slots];
        }

        /** Matches the path from {@code start} (a segment start, or len + 1 when none is left) at {@code node}. */
        boolean walk(Node<H> node, int start) {
            if (start > len) {
                return arrive(node, node.endpoints.isEmpty() ? null : node.endpoint(method))
                        || mount(node, len);
            }
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = len;
            }
            if (node.statics != null) {
                Node<H> child = node.statics.find(path, start, end);
                if (child != null && walk(child, end + 1)) {
                    return true;
                }
            }
            if (node.param != null && end > start) {
                bounds[2 * node.param.slot] = start;
                bounds[2 * node.param.slot + 1] = end;
                if (walk(node.param, end + 1)) {
                    return true;
                }
            }
            if (node.catchAll != null) {
                bounds[2 * node.catchAll.slot] = start;
                bounds[2 * node.catchAll.slot + 1] = len;
                if (arrive(node.catchAll, node.catchAll.endpoint(method))) {
                    return true;
                }
            }
            return mount(node, start - 1);
        }

        private boolean arrive(Node<H> node, Endpoint<H> e) {
            if (e != null) {
                result = e.staticMatch != null ? e.staticMatch
                        : new RouteMatch.Found<>(e.value, e.pattern, params(e));
                return true;
            }
            if (!node.endpoints.isEmpty()) {
                if (allowed == null) {
                    allowed = new TreeSet<>();
                    // The most specific node that has routes owns the answer; prefer its GET route.
                    Endpoint<H> get = node.endpoint("GET");
                    owner = get != null ? get.value : node.byMethod.getFirst().value;
                }
                allowed.addAll(node.endpoints.keySet());
            }
            return false;
        }

        private boolean mount(Node<H> node, int prefixEnd) {
            Endpoint<H> m = node.mount;
            if (m == null) {
                return false;
            }
            result = new RouteMatch.Mounted<>(m.value, m.pattern, prefixEnd, m.names.isEmpty() ? PathParams.EMPTY : params(m));
            return true;
        }

        private PathParams params(Endpoint<H> e) {
            return new PathParams(e.pattern, e.names, path, Arrays.copyOf(bounds, 2 * e.names.size()));
        }
    }

    /** A registered value with what it needs to report a match. */
    static final class Endpoint<H> {
        final RoutePattern pattern;
        final H value;
        final List<String> names;
        final RouteMatch.Found<H> staticMatch; // shared result for a pattern without parameters

        Endpoint(RoutePattern pattern, H value) {
            this.pattern = pattern;
            this.value = value;
            this.names = List.copyOf(pattern.parameterNames());
            this.staticMatch = names.isEmpty() ? new RouteMatch.Found<>(value, pattern, PathParams.EMPTY) : null;
        }
    }

    /** A frozen node. {@code slot} is the capture index of a parameter or catch-all node. */
    static final class Node<H> {
        final StaticTable<Node<H>> statics; // null when there are none
        final Map<String, Node<H>> staticChildren;
        final Node<H> param;
        final Node<H> catchAll;
        final int slot;
        final Map<String, Endpoint<H>> endpoints;
        final Endpoint<H> mount;
        private final String[] methods;
        private final List<Endpoint<H>> byMethod;
        private final Endpoint<H> get;
        private final Endpoint<H> head;

        Node(Map<String, Node<H>> statics, Node<H> param, Node<H> catchAll, int slot,
             Map<String, Endpoint<H>> endpoints, Endpoint<H> mount) {
            this.statics = statics.isEmpty() ? null : new StaticTable<>(statics);
            this.staticChildren = Map.copyOf(statics);
            this.param = param;
            this.catchAll = catchAll;
            this.slot = slot;
            this.endpoints = Map.copyOf(endpoints);
            this.mount = mount;
            this.methods = endpoints.keySet().toArray(new String[0]);
            this.byMethod = new ArrayList<>(endpoints.values());
            this.get = endpoints.get("GET");
            this.head = endpoints.getOrDefault("HEAD", get);
        }

        /** The endpoint for {@code method}; HEAD falls back to GET (RFC 9110 §9.3.2). */
        Endpoint<H> endpoint(String method) {
            for (int i = 0; i < methods.length; i++) {
                if (methods[i].equals(method)) {
                    return byMethod.get(i);
                }
            }
            return method.equals("HEAD") ? head : null;
        }
    }

}
