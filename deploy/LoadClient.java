import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scale-out test's client, run as a single-file program ({@code java deploy/LoadClient.java ...}):
 * <ul>
 *   <li>{@code load BASE SECONDS CLIENTS IDS_FILE}: a mixed load (create 25 %, list 25 %, read 30 %,
 *       update 20 %) from CLIENTS virtual threads for SECONDS; every answer must be the expected
 *       status. Prints requests, failures (with the first few), p50/p99; writes the created ids.</li>
 *   <li>{@code check IDS_FILE BASE...}: every created todo is readable through each BASE.</li>
 *   <li>{@code sse LISTEN_BASE WRITE_BASE}: an event stream on one instance sees the todos created
 *       through another; exit 3 (skip) when the event stream route is not served.</li>
 * </ul>
 * Exit status 0 on success, 1 on any failure. Every wait is bounded.
 */
public class LoadClient {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        int status = switch (args[0]) {
            case "load" -> load(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            case "check" -> check(Path.of(args[1]), List.of(args).subList(2, args.length));
            case "sse" -> sse(args[1], args[2]);
            default -> throw new IllegalArgumentException("load | check | sse");
        };
        System.exit(status);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    static long idOf(String json) {
        int i = json.indexOf("\"id\":") + 5;
        int end = i;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(i, end));
    }

    static int load(String base, int seconds, int clients, Path idsFile) throws Exception {
        List<Long> ids = new CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong requests = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                        int dice = ThreadLocalRandom.current().nextInt(100);
                        String what = "?";
                        long start = System.nanoTime();
                        try {
                            HttpResponse<String> r;
                            int expected;
                            if (dice < 25 || ids.isEmpty()) {
                                what = "create";
                                r = send(post(base + "/api/todos", "{\"title\":\"load " + client + "-" + n++ + "\"}"));
                                expected = 201;
                                if (r.statusCode() == 201) {
                                    ids.add(idOf(r.body()));
                                }
                            } else if (dice < 50) {
                                what = "list";
                                r = send(HttpRequest.newBuilder(URI.create(base + "/api/todos?limit=20")));
                                expected = 200;
                            } else {
                                long id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                                if (dice < 80) {
                                    what = "read " + id;
                                    r = send(HttpRequest.newBuilder(URI.create(base + "/api/todos/" + id)));
                                } else {
                                    what = "update " + id;
                                    r = send(HttpRequest.newBuilder(URI.create(base + "/api/todos/" + id))
                                            .header("Content-Type", "application/json")
                                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"completed\":" + (dice % 2 == 0) + "}")));
                                }
                                expected = 200;
                            }
                            if (r.statusCode() != expected) {
                                failures.add(what + " → " + r.statusCode() + " " + r.body().lines().findFirst().orElse(""));
                            }
                        } catch (Exception e) {
                            failures.add(what + " → " + e);
                        }
                        latencies.add(System.nanoTime() - start);
                        requests.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("requests: %d, failures: %d, p50: %.1f ms, p99: %.1f ms, todos created: %d%n",
                requests.get(), failures.size(), percentile(sorted, 50), percentile(sorted, 99), ids.size());
        failures.stream().limit(10).forEach(f -> System.out.println("  failed: " + f));
        Files.write(idsFile, ids.stream().map(String::valueOf).toList());
        return failures.isEmpty() && !ids.isEmpty() ? 0 : 1;
    }

    static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static int check(Path idsFile, List<String> bases) throws Exception {
        List<String> ids = Files.readAllLines(idsFile);
        int missing = 0;
        for (String base : bases) {
            for (String id : ids) {
                int status = send(HttpRequest.newBuilder(URI.create(base + "/api/todos/" + id))).statusCode();
                if (status != 200) {
                    if (missing++ < 10) {
                        System.out.println("  todo " + id + " through " + base + " → " + status);
                    }
                }
            }
        }
        System.out.println("readable afterwards: " + ids.size() + " todos through each of " + bases.size()
                + " instances, " + missing + " missing");
        return missing == 0 ? 0 : 1;
    }

    static int sse(String listenBase, String writeBase) throws Exception {
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(listenBase + "/api/todos/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200 || !stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            stream.body().close();
            System.out.println("SKIP: the SSE check: GET /api/todos/events answered " + stream.statusCode() + ", not an event stream");
            return 3;
        }
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            expected.add(idOf(send(post(writeBase + "/api/todos", "{\"title\":\"sse " + i + "\"}")).body()));
        }
        Set<Long> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        var reading = Executors.newVirtualThreadPerTaskExecutor().submit(() -> {
            var in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            String event = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "todo.created".equals(event)) {
                    synchronized (seen) {
                        seen.add(idOf(line));
                        if (seen.containsAll(expected)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        });
        boolean ok;
        try {
            ok = reading.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            ok = false;
        }
        stream.body().close();
        System.out.println("SSE: a stream on " + listenBase + " received " + (ok ? "all " : "not all ") + expected.size()
                + " todo.created events for todos created through " + writeBase);
        return ok ? 0 : 1;
    }
}
