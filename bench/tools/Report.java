import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * Turns one bench/run.sh run directory (meta.tsv, raw.tsv) into the markdown report.
 *
 * <pre>java Report.java bench/results/TIMESTAMP &gt; report.md</pre>
 *
 * raw.tsv has one measurement per line: server, scenario, repetition, metric, value. Every figure
 * in the report is the median over the repetitions, followed by its ratio to the bare core
 * handler ("wisp-core") and to the sample app ("wisp-app") of the same run: absolute numbers on a
 * shared machine are noise, ratios are the result. A value "fail" (a timed request that failed)
 * counts as infinitely slow.
 */
public final class Report {
    static final String CORE = "wisp-core";
    static final String APP = "wisp-app";
    /** The four keep-alive HTTP/1.1 scenarios the issue-5 CPU targets are about. */
    static final List<String> KEEP_ALIVE = List.of("plaintext-16", "plaintext-256", "json-16", "json-256");
    static final List<String> PEERS = List.of("jdk", "netty", "helidon", "undertow", "nginx");
    static final String OLD = "wisp-core-old";

    final Map<String, String> meta = new LinkedHashMap<>();
    /** server → scenario → metric → values in repetition order. */
    final Map<String, Map<String, Map<String, List<String>>>> raw = new LinkedHashMap<>();
    final List<String> servers = new ArrayList<>();
    final StringBuilder out = new StringBuilder();

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java Report.java RUN_DIR   (a bench/results/<timestamp> directory)");
            System.exit(2);
        }
        Report r = new Report();
        r.load(Path.of(args[0]));
        r.render();
        System.out.print(r.out);
    }

    void load(Path dir) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("meta.tsv"))) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                meta.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        for (String line : Files.readAllLines(dir.resolve("raw.tsv"))) {
            String[] f = line.split("\t", -1);
            if (f.length == 5) {
                raw.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                        .computeIfAbsent(f[1], k -> new LinkedHashMap<>())
                        .computeIfAbsent(f[3], k -> new ArrayList<>()).add(f[4]);
            }
        }
        for (String s : meta.getOrDefault("servers", "").split("\\s+")) {
            if (raw.containsKey(s)) {
                servers.add(s);
            }
        }
    }

    /** Median of a metric's repetitions; NaN when there is none. */
    double median(String server, String scenario, String metric) {
        List<String> values = raw.getOrDefault(server, Map.of()).getOrDefault(scenario, Map.of()).get(metric);
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        // "na": a figure the tool could not give (wrk's 0 percentile); "fail": a request that failed.
        double[] v = values.stream().filter(x -> !x.equals("na"))
                .mapToDouble(x -> x.equals("fail") ? Double.POSITIVE_INFINITY : Double.parseDouble(x)).toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Idle memory per connection, per repetition then median: (RSS with N idle − RSS before) / N. */
    double kibPerConn(String server) {
        Map<String, List<String>> m = raw.getOrDefault(server, Map.of()).getOrDefault("idle", Map.of());
        List<String> before = m.get("rss_before_kb");
        List<String> idle = m.get("rss_idle_kb");
        if (before == null || idle == null) {
            return Double.NaN;
        }
        double conns = Double.parseDouble(meta.getOrDefault("idle_conns", "10000"));
        double[] v = new double[Math.min(before.size(), idle.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (Double.parseDouble(idle.get(i)) - Double.parseDouble(before.get(i))) / conns;
        }
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    interface Figure {
        double of(String server);
    }

    /** "value (×core, ×app)": how this server compares with Wisp in this run (only the Wisp rows present). */
    String cell(Figure f, String server, String format) {
        double v = f.of(server);
        if (Double.isNaN(v)) {
            return "–";
        }
        String value = Double.isInfinite(v) ? "fail" : String.format(Locale.ROOT, format, v);
        List<String> ratios = new ArrayList<>();
        for (String base : bases()) {
            ratios.add(ratio(v, f.of(base)));
        }
        return ratios.isEmpty() ? value : value + " (" + String.join(", ", ratios) + ")";
    }

    List<String> bases() {
        return servers.stream().filter(s -> s.equals(CORE) || s.equals(APP)).sorted().toList().reversed();
    }

    static String ratio(double v, double base) {
        if (Double.isNaN(v) || Double.isNaN(base) || Double.isInfinite(v) || Double.isInfinite(base) || base == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", v / base);
    }

    String label(String scenario) {
        return switch (scenario) {
            case "plaintext-16" -> "plaintext, 16 conns";
            case "plaintext-256" -> "plaintext, 256 conns";
            case "json-16" -> "JSON, 16 conns";
            case "json-256" -> "JSON, 256 conns";
            case "pipelined" -> "plaintext pipelined, " + meta.getOrDefault("pipeline", "");
            case "echo" -> "POST /echo, " + meta.getOrDefault("echo", "");
            case "tls-handshake" -> "HTTPS, a new connection (full TLS handshake) per request";
            case "ws-64" -> "WebSocket echo, 64 B messages (req/s = messages/s)";
            case "ws-16k" -> "WebSocket echo, 16 KiB messages (req/s = messages/s)";
            default -> {
                if (scenario.startsWith("tls-")) {
                    yield "HTTPS " + label(scenario.substring(4));
                }
                if (scenario.startsWith("h2")) { // h2c-plaintext-16x10
                    String[] p = scenario.split("-");
                    String[] cm = p[2].split("x");
                    yield (p[0].equals("h2c") ? "h2c" : "h2 (TLS)") + " /" + p[1] + ", " + cm[0] + " conns × " + cm[1] + " streams";
                }
                yield scenario;
            }
        };
    }

    void render() {
        line("# Wisp benchmark run, " + meta.getOrDefault("date", "?"));
        line("");
        line("- Machine: " + meta.get("machine"));
        line("- JDK: " + meta.get("jdk") + "; extra JVM options: " + meta.get("java_opts") + " (the same for every server)");
        line("- Load: wrk " + meta.get("wrk") + ", one thread; " + meta.get("pinning"));
        line("- Versions: " + meta.get("versions"));
        meta.forEach((k, v) -> {
            if (k.startsWith("ready.") && !v.isBlank()) {
                line("- " + k.substring(6) + " reported: `" + v + "`");
            }
        });
        line("- Settings: " + meta.get("settings") + (meta.containsKey("settings2") ? "; " + meta.get("settings2") : ""));
        for (String k : List.of("nginx", "old_core", "h2load", "census_tool")) {
            if (meta.containsKey(k)) {
                line("- " + k.replace('_', ' ') + ": " + meta.get(k));
            }
        }
        List<String> uptimes = new ArrayList<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("uptime.")) {
                uptimes.add(k.substring(7) + ": " + v.replace("load average: ", ""));
            }
        });
        if (!uptimes.isEmpty()) {
            line("- Machine load (uptime's 1/5/15-minute load averages): " + String.join("; ", uptimes));
        }
        List<String> bases = bases();
        String names = String.join(" and ", bases.stream().map(b -> b.equals(CORE) ? CORE + " (the bare core handler)" : APP + " (the sample app)").toList());
        line("- Each figure is the median of the repetitions." + (bases.isEmpty() ? " (No Wisp server ran, so no ratios.)"
                : " In brackets, its ratio to the same figure of " + names + " in this same run."
                + " For req/s higher is better; for every other figure lower is better."));
        meta.forEach((k, v) -> {
            if (k.startsWith("skip.")) {
                line("- **Skipped " + k.substring(5) + "**: " + v);
            } else if (k.startsWith("died.")) {
                line("- **" + k.substring(5) + " died** " + v);
            } else if (k.startsWith("note")) {
                line("- **Note**: " + v);
            }
        });
        List<String> scenarios = List.of(meta.getOrDefault("scenarios", "").split("\\s+"));
        List<String> load = scenarios.stream().filter(sc -> !sc.isEmpty() && !sc.equals("startup")
                && !sc.equals("idle") && !sc.startsWith("census-")).toList();
        List<String> unsupported = new ArrayList<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("unsupported.")) {
                unsupported.add(k.substring(12) + " (" + v + ")");
            }
        });
        if (!unsupported.isEmpty()) {
            line("- Not run (server.scenario): " + String.join("; ", unsupported));
        }
        if (!load.isEmpty()) {
            line("");
            line("## Throughput, server CPU per request, latency");
            line("");
            line("| scenario | server | req/s | CPU µs/req | p50 ms | p99 ms | peak RSS MiB | errors |");
            line("|---|---|---|---|---|---|---|---|");
            for (String sc : load) {
                for (String s : servers) {
                    if (!raw.get(s).containsKey(sc)) {
                        continue;
                    }
                    line("| " + label(sc) + " | " + s
                            + " | " + cell(x -> median(x, sc, "rps"), s, "%,.0f")
                            + " | " + cell(x -> median(x, sc, "cpu_us"), s, "%.1f")
                            + " | " + cell(x -> median(x, sc, "p50_ms"), s, "%.2f")
                            + " | " + cell(x -> median(x, sc, "p99_ms"), s, "%.2f")
                            + " | " + cell(x -> median(x, sc, "peak_rss_kb") / 1024, s, "%.0f")
                            + " | " + errors(s, sc) + " |");
                }
            }
            if (load.contains("pipelined")) {
                line("");
                line("Pipelined runs show no latency: wrk records one per batch of requests, and its percentiles"
                        + " break with pipelining (its coordinated-omission correction is computed per response).");
            }
        }
        if (scenarios.contains("startup") || scenarios.contains("idle")) {
            line("");
            line("## Start-up and " + meta.getOrDefault("idle_conns", "?") + " idle keep-alive connections");
            line("");
            line("| server | start-up ms | RSS ready MiB | idle conns held | RSS before → with idle MiB | KiB / idle conn"
                    + " | new request ms | slowest of 5 ms | request on an idle conn ms | peak RSS MiB |");
            line("|---|---|---|---|---|---|---|---|---|---|");
            for (String s : servers) {
                double held = median(s, "idle", "fds_idle") - median(s, "idle", "fds_before");
                line("| " + s
                        + " | " + cell(x -> median(x, "startup", "startup_ms"), s, "%.0f")
                        + " | " + cell(x -> median(x, "startup", "ready_rss_kb") / 1024, s, "%.0f")
                        + " | " + (Double.isNaN(held) ? "–" : String.format(Locale.ROOT, "%.0f", held))
                        + " | " + mib(median(s, "idle", "rss_before_kb")) + " → " + mib(median(s, "idle", "rss_idle_kb"))
                        + " | " + cell(this::kibPerConn, s, "%.1f")
                        + " | " + cell(x -> median(x, "idle", "new_conn_ms"), s, "%.2f")
                        + " | " + fmt(median(s, "idle", "new_conn_max_ms"), "%.2f")
                        + " | " + cell(x -> median(x, "idle", "reused_conn_ms"), s, "%.2f")
                        + " | " + cell(x -> median(x, "idle", "hwm_kb") / 1024, s, "%.0f") + " |");
            }
            line("");
            line("Idle conns held = the server's open file descriptors with the idle connections open minus before"
                    + " (a server that closes idle connections holds fewer). KiB / idle conn = (RSS with idle − RSS before) / "
                    + meta.getOrDefault("idle_conns", "?")
                    + (meta.getOrDefault("idle_gc", "0").equals("1")
                            ? ", both RSS readings taken right after a full GC of the server (jcmd GC.run)."
                            : ", raw RSS readings (IDLE_GC=0): garbage counts."));
        }
        handshakeShare(load);
        census(scenarios);
        targets(load, scenarios);
        failures();
    }

    /**
     * wrk opens its connections inside the measured window, so an HTTPS keep-alive run also pays one
     * full handshake per connection. Estimated from the same server's tls-handshake median: the
     * handshakes' share of the run's CPU, and the CPU per request without them.
     */
    double withoutHandshakes(String s, String sc) {
        double perRequest = median(s, sc, "cpu_us");
        double requests = median(s, sc, "requests");
        double handshake = median(s, "tls-handshake", "cpu_us");
        double conns = Double.parseDouble(sc.substring(sc.lastIndexOf('-') + 1));
        return (perRequest * requests - conns * handshake) / requests;
    }

    void handshakeShare(List<String> load) {
        List<String> tls = load.stream().filter(sc -> sc.startsWith("tls-") && !sc.equals("tls-handshake")).toList();
        if (tls.isEmpty() || !load.contains("tls-handshake")) {
            return;
        }
        line("");
        line("## HTTPS keep-alive without its handshakes (estimate)");
        line("");
        line("| scenario | server | handshakes' share of the run's CPU | CPU µs/req without them |");
        line("|---|---|---|---|");
        for (String sc : tls) {
            for (String s : servers) {
                if (!raw.get(s).containsKey(sc)) {
                    continue;
                }
                double total = median(s, sc, "cpu_us");
                double without = withoutHandshakes(s, sc);
                line("| " + label(sc) + " | " + s + " | " + fmt(100 * (total - without) / total, "%.0f %%")
                        + " | " + cell(x -> withoutHandshakes(x, sc), s, "%.1f") + " |");
            }
        }
        line("");
        line("Each HTTPS keep-alive run opens its connections (16 or 256) inside wrk's measured window, so it"
                + " includes that many full TLS handshakes. Share = connections × the server's median CPU per"
                + " handshake (tls-handshake) ÷ the run's CPU (medians); the last column subtracts it.");
    }

    /** Issue 15's census: system calls and context switches per request, counted on a separate run. */
    void census(List<String> scenarios) {
        List<String> census = scenarios.stream().filter(sc -> sc.startsWith("census-")).toList();
        if (census.isEmpty()) {
            return;
        }
        line("");
        line("## System calls per request (census runs: " + meta.getOrDefault("census_tool", "?") + ")");
        line("");
        line("| scenario | server | all syscalls | reads | of which failed (EAGAIN) | writes | epoll_ctl | epoll_wait | futex | context switches |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (String sc : census) {
            for (String s : servers) {
                if (!raw.get(s).containsKey(sc) || Double.isNaN(median(s, sc, "sc_total"))) {
                    continue;
                }
                line("| " + label(sc.substring(7)) + " | " + s
                        + " | " + cell(x -> median(x, sc, "sc_total"), s, "%.2f")
                        + " | " + fmt(median(s, sc, "sc_reads"), "%.2f")
                        + " | " + fmt(median(s, sc, "sc_read_errors"), "%.2f")
                        + " | " + fmt(median(s, sc, "sc_writes"), "%.2f")
                        + " | " + fmt(median(s, sc, "sc_epoll_ctl"), "%.2f")
                        + " | " + fmt(median(s, sc, "sc_epoll_wait"), "%.3f")
                        + " | " + fmt(median(s, sc, "sc_futex"), "%.3f")
                        + " | " + fmt(median(s, sc, "cs"), "%.3f") + " |");
            }
        }
        line("");
        line("Per request completed in the census run, every thread of the server process (nginx: its worker)."
                + " reads = read + readv + recvfrom + recvmsg; writes = write + writev + sendto + sendmsg + sendfile;"
                + " epoll_wait includes epoll_pwait. Context switches: voluntary + involuntary, summed over"
                + " /proc/PID/task/*/status. The census run is traced, so its throughput is not a result.");
    }

    String errors(String s, String sc) {
        double e = median(s, sc, "errors");
        List<String> failed = raw.get(s).get(sc).get("error");
        String text = Double.isNaN(e) ? "–" : String.format(Locale.ROOT, "%.0f", e);
        return failed == null ? text : text + " (" + failed.size() + " runs failed)";
    }

    static String mib(double kb) {
        return fmt(kb / 1024, "%.0f");
    }

    static String fmt(double v, String format) {
        return Double.isNaN(v) ? "–" : Double.isInfinite(v) ? "fail" : String.format(Locale.ROOT, format, v);
    }

    /** The targets of issue 5, checked against this run's medians (bare core unless a row says otherwise). */
    void targets(List<String> load, List<String> scenarios) {
        List<String[]> rows = new ArrayList<>();
        List<String> cpuScenarios = load.stream().filter(KEEP_ALIVE::contains).toList();
        String[] cpuPeers = {"netty", "helidon", "jdk"};
        double[] cpuBounds = {1.0, 0.85, 0.35};
        for (int i = 0; i < cpuPeers.length; i++) {
            String peer = cpuPeers[i];
            double bound = cpuBounds[i];
            rows.add(target("CPU/req ≤ " + bound + "× " + peer + "'s (plaintext, JSON; 16, 256 conns)",
                    cpuScenarios, sc -> median(CORE, sc, "cpu_us") / median(peer, sc, "cpu_us"), r -> r <= bound));
        }
        if (load.contains("pipelined")) {
            rows.add(target("pipelined throughput ≥ 1.0× Netty's", List.of("pipelined"),
                    sc -> median(CORE, sc, "rps") / median("netty", sc, "rps"), r -> r >= 1.0));
        }
        List<String> at256 = cpuScenarios.stream().filter(sc -> sc.endsWith("-256")).toList();
        rows.add(target("p99 at 256 conns no worse than any peer's (ratio to the best peer)", at256, sc -> {
            double best = PEERS.stream().mapToDouble(p -> median(p, sc, "p99_ms")).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
            return median(CORE, sc, "p99_ms") / best;
        }, r -> r <= 1.0));
        List<String> json = load.stream().filter(sc -> sc.startsWith("json")).toList();
        rows.add(target("framework: sample app /json CPU/req ≤ 1.1× bare core's", json,
                sc -> median(APP, sc, "cpu_us") / median(CORE, sc, "cpu_us"), r -> r <= 1.1));
        if (scenarios.contains("idle")) {
            for (String s : List.of(CORE, APP)) {
                rows.add(target(s + ": new request with idle conns open < 50 ms (ms)", List.of("idle"),
                        sc -> median(s, sc, "new_conn_ms"), v -> v < 50));
                rows.add(target(s + ": memory per idle conn ≤ 16 KiB (KiB)", List.of("idle"), sc -> kibPerConn(s), v -> v <= 16));
            }
        }
        if (scenarios.contains("startup")) {
            rows.add(target("start-up ≤ the JDK server's", List.of("startup"),
                    sc -> median(CORE, sc, "startup_ms") / median("jdk", sc, "startup_ms"), r -> r <= 1.0));
            rows.add(target("RSS when ready ≤ the JDK server's", List.of("startup"),
                    sc -> median(CORE, sc, "ready_rss_kb") / median("jdk", sc, "ready_rss_kb"), r -> r <= 1.0));
        }
        if (servers.contains(OLD)) {
            rows.add(target("issue 9: the refactor costs plaintext HTTP/1.1 nothing: (wisp-core ÷ netty) ÷ (wisp-core-old ÷ netty)"
                    + " CPU/req ≤ 1.05 (this machine's noise)", cpuScenarios,
                    sc -> (median(CORE, sc, "cpu_us") / median("netty", sc, "cpu_us"))
                            / (median(OLD, sc, "cpu_us") / median("netty", sc, "cpu_us")), r -> r <= 1.05));
        }
        List<String> tlsKeepAlive = load.stream().filter(sc -> sc.startsWith("tls-") && !sc.equals("tls-handshake")).toList();
        for (String peer : List.of("netty", "nginx")) {
            String bound = peer.equals("netty") ? "issue 9 target" : "for reference";
            rows.add(target("HTTPS keep-alive CPU/req ≤ 1.0× " + peer + "'s (" + bound + "), as measured", tlsKeepAlive,
                    sc -> median(CORE, sc, "cpu_us") / median(peer, sc, "cpu_us"), r -> r <= 1.0));
            if (load.contains("tls-handshake")) {
                rows.add(target("the same without the runs' handshakes (estimate)", tlsKeepAlive,
                        sc -> withoutHandshakes(CORE, sc) / withoutHandshakes(peer, sc), r -> r <= 1.0));
            }
            if (load.contains("tls-handshake")) {
                rows.add(target("handshakes per CPU-second ≥ " + peer + "'s (" + bound + "; ratio of CPU per handshake, ≤ 1 is met)",
                        List.of("tls-handshake"), sc -> median(CORE, sc, "cpu_us") / median(peer, sc, "cpu_us"), r -> r <= 1.0));
            }
        }
        List<String> census = scenarios.stream().filter(sc -> sc.startsWith("census-") && !sc.startsWith("census-tls")).toList();
        rows.add(target("issue 15: ≤ 2.5 system calls per keep-alive request (census)", census,
                sc -> median(CORE, sc, "sc_total"), v -> v <= 2.5));
        List<String> h2 = load.stream().filter(sc -> sc.startsWith("h2c-") && sc.endsWith("x100") && !sc.contains("download")).toList();
        rows.add(target("issue 10: h2c plaintext/JSON at 100 streams CPU/req ≤ 1.0× netty's", h2,
                sc -> median(CORE, sc, "cpu_us") / median("netty", sc, "cpu_us"), r -> r <= 1.0));
        List<String> ws = load.stream().filter(sc -> sc.startsWith("ws-")).toList();
        rows.add(target("issue 11: WebSocket echo CPU/message ≤ 1.0× netty's", ws,
                sc -> median(CORE, sc, "cpu_us") / median("netty", sc, "cpu_us"), r -> r <= 1.0));
        line("");
        line("## Targets from issues 5, 9, 10, 11 and 15 (Wisp = the bare core handler unless the row says otherwise)");
        line("");
        line("| target | measured (ratio, or value where marked) | verdict |");
        line("|---|---|---|");
        for (String[] row : rows) {
            line("| " + row[0] + " | " + row[1] + " | " + row[2] + " |");
        }
    }

    interface PerScenario {
        double of(String scenario);
    }

    String[] target(String name, List<String> scenarios, PerScenario value, DoublePredicate ok) {
        List<String> parts = new ArrayList<>();
        boolean all = true;
        boolean any = false;
        for (String sc : scenarios) {
            double v = value.of(sc);
            if (Double.isNaN(v)) {
                continue;
            }
            any = true;
            all &= ok.test(v);
            parts.add((scenarios.size() > 1 ? sc + " " : "") + fmt(v, "%.2f"));
        }
        return new String[] {name, any ? String.join(", ", parts) : "–", !any ? "not measured" : all ? "met" : "**missed**"};
    }

    void failures() {
        List<String> notes = new ArrayList<>();
        raw.forEach((s, byScenario) -> byScenario.forEach((sc, metrics) -> {
            List<String> errs = metrics.get("error");
            if (errs != null) {
                notes.add("- " + s + " / " + sc + ": " + errs.size() + " measurement(s) failed: " + String.join(", ", errs));
            }
        }));
        if (!notes.isEmpty()) {
            line("");
            line("## Failed measurements");
            line("");
            notes.forEach(this::line);
        }
    }

    void line(String s) {
        out.append(s).append('\n');
    }
}
