import dev.wisp.server.Attributes;
import dev.wisp.server.Body;
import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;

/**
 * Heap bytes allocated per request by a handler called directly (no network, no server-core
 * loop): the framework's own cost per request, measured with the thread's allocation counter, so
 * it does not depend on how loaded the machine is. A streamed body is written to a null stream.
 *
 * <pre>
 * java -cp framework/target/classes:server-core/target/classes:sample-app/target/classes:JACKSON_JARS \
 *     bench/tools/AllocPerRequest.java sample GET /json [GET /api/todos/1 ...]
 * </pre>
 *
 * The first argument picks the handler: {@code app} is a bare framework {@code App} with
 * {@code GET /json} (a record), {@code GET /items/{id}} (a path parameter) and the same route in
 * an app mounted at {@code /v1}; {@code sample} is the sample app
 * ({@code TodoApp.create(new InMemoryTodoStore())}, with one todo created so that
 * {@code /api/todos/1} exists). Each request is warmed up 200 000 times, then measured over
 * 1 000 000 calls; prints bytes per request.
 */
public final class AllocPerRequest {
    public static void main(String[] args) throws Exception {
        Handler handler = handler(args[0]);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        ConnectionInfo info = ConnectionInfo.plain(new InetSocketAddress("127.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 8080));
        Headers headers = Headers.of("Host", "localhost", "User-Agent", "wrk", "Accept", "*/*");
        for (int a = 1; a + 1 < args.length; a += 2) {
            String method = args[a], target = args[a + 1];
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            String query = q < 0 ? "" : target.substring(q + 1);
            Request request = new Request(method, target, path, path, query, "HTTP/1.1", headers, info,
                    InputStream.nullInputStream(), Attributes.empty());
            int status = 0;
            for (int i = 0; i < 200_000; i++) {
                status = run(handler, request);
            }
            int n = 1_000_000;
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < n; i++) {
                status = run(handler, request);
            }
            long bytes = threads.getThreadAllocatedBytes(tid) - before;
            System.out.printf("ALLOC %s %s %s status=%d bytes_per_req=%.1f%n", args[0], method, target, status,
                    (double) bytes / n);
        }
    }

    public record Message(String message) {
    }

    public record Item(long id, String title) {
    }

    private static int run(Handler handler, Request request) throws Exception {
        Response r = handler.handle(request);
        if (r.body() instanceof Body.Stream s) {
            s.writer().writeTo(OutputStream.nullOutputStream());
        }
        return r.status();
    }

    private static Handler handler(String name) throws Exception {
        if (name.equals("sample")) {
            var store = Class.forName("dev.wisp.sample.InMemoryTodoStore").getConstructor().newInstance();
            Handler app = (Handler) Class.forName("dev.wisp.sample.TodoApp")
                    .getMethod("create", Class.forName("dev.wisp.sample.TodoStore")).invoke(null, store);
            store.getClass().getMethod("create", String.class, boolean.class).invoke(store, "milk", false);
            return app;
        }
        if (name.equals("app")) {
            return dev.wisp.web.App.create()
                    .get("/json", req -> new Message("Hello, World!"))
                    .get("/items/{id}", req -> new Item(req.pathLong("id"), "milk"))
                    .mount("/v1", dev.wisp.web.App.create()
                            .get("/items/{id}", req -> new Item(req.pathLong("id"), "milk")));
        }
        throw new IllegalArgumentException("unknown handler " + name);
    }
}
