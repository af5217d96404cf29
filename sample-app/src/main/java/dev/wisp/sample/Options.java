package dev.wisp.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The command line of the sample app, from one table ({@link #FLAGS}): each flag has an
 * environment variable, a value name and its help, so {@code --help}, the parser and the error
 * messages cannot disagree. {@code --name V} and {@code --name=V} both work; the argument wins over
 * the environment; a blank environment value counts as unset.
 *
 * <p>Errors are {@link IllegalArgumentException}s whose message is one line naming the flag (or
 * the variable it came from) and what is allowed, e.g. {@code invalid --drain-delay 'soon': use a
 * whole number of seconds from 0 to 3600}.
 *
 * @param port           0–65535, 0 for a free one; default 8080
 * @param host           the address to bind; default {@code 0.0.0.0}
 * @param db             {@code --db} as given, parsed by {@link StoreChoice}; null for the default
 * @param dataDir        {@code --data-dir} as given; null for the default
 * @param drainDelay     how long to keep serving, with {@code /ready} at 503, after SIGTERM; default 0
 * @param trustedProxies CIDR blocks whose forwarded headers are believed; default loopback
 * @param trace          log every request and response head; default false
 * @param tlsCert        PEM certificate chain, with {@code tlsKey}; null for plain HTTP
 * @param tlsKey         PEM private key, with {@code tlsCert}
 * @param maxUploadBytes largest attachment in bytes; default {@link ApiSettings#DEFAULT_MAX_UPLOAD_BYTES}
 */
record Options(int port, String host, String db, String dataDir, Duration drainDelay, List<String> trustedProxies,
               boolean trace, Path tlsCert, Path tlsKey, long maxUploadBytes) {

    static final int MAX_DRAIN_SECONDS = 3600;

    /** One flag: its name, variable, value name ({@code null} for a switch) and help. */
    record Flag(String name, String env, String value, String help) {
    }

    static final List<Flag> FLAGS = List.of(
            new Flag("--port", "PORT", "N", "port to listen on, 0 for a free one (default 8080)"),
            new Flag("--host", "HOST", "ADDRESS", "address to bind (default 0.0.0.0, all interfaces)"),
            new Flag("--db", "WISP_DB_URL", "DB", "embedded (default): H2 in the data directory; memory: lost at exit;\n"
                    + "or PostgreSQL: postgresql://[user[:password]@]host[:port]/db or a jdbc:postgresql:// URL\n"
                    + "(credentials also from WISP_DB_USER and WISP_DB_PASSWORD)"),
            new Flag("--data-dir", "WISP_DATA_DIR", "DIR", "where the embedded database lives (default ./wisp-data)"),
            new Flag("--max-upload-bytes", "WISP_MAX_UPLOAD_BYTES", "N", "largest attachment in bytes (default 10485760)"),
            new Flag("--drain-delay", "WISP_DRAIN_DELAY", "SECONDS", "on SIGTERM, keep serving this long with /ready at 503\n"
                    + "before stopping, so load balancers move away first (default 0)"),
            new Flag("--trusted-proxies", "WISP_TRUSTED_PROXIES", "CIDR[,CIDR…]", "proxies whose Forwarded / X-Forwarded-* headers are\n"
                    + "believed (default 127.0.0.0/8,::1)"),
            new Flag("--trace", "WISP_TRACE", null, "log every request and response head like curl -v, secrets masked\n"
                    + "(WISP_TRACE=1)"),
            new Flag("--tls-cert", "WISP_TLS_CERT", "FILE", "serve HTTPS with this PEM certificate chain (with --tls-key)"),
            new Flag("--tls-key", "WISP_TLS_KEY", "FILE", "the PEM private key of --tls-cert"),
            new Flag("--help", null, null, "print this and exit"));

    /** The {@code --help} text, generated from {@link #FLAGS}. */
    static String usage() {
        StringBuilder text = new StringBuilder("usage: java -jar wisp-sample-app.jar [options]\n");
        for (Flag flag : FLAGS) {
            String left = "  " + flag.name() + (flag.value() == null ? "" : " " + flag.value());
            String[] lines = (flag.help() + (flag.env() == null ? "" : " [" + flag.env() + "]")).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String head = i == 0 ? left : "";
                text.append(head).append(" ".repeat(Math.max(1, 30 - head.length()))).append(lines[i]).append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    /** Whether the arguments ask for help ({@code --help} or {@code -h}). */
    static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /** Parses arguments over the environment; see the class comment for errors. */
    static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Flag flag = FLAGS.stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown argument '" + shown(arg) + "'; see java -jar wisp-sample-app.jar --help"));
            if (flag.value() == null) {
                given.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
            } else if (eq >= 0) {
                given.put(name, arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                given.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(name + " needs a value: " + name + " " + flag.value());
            }
        }
        Values v = new Values(given, env);
        int port = v.get("--port", "8080", s -> {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        }, "use a number from 0 to 65535 (0 picks a free port)");
        Duration drain = v.get("--drain-delay", "0", s -> {
            int seconds = Integer.parseInt(s);
            if (seconds < 0 || seconds > MAX_DRAIN_SECONDS) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        }, "use a whole number of seconds from 0 to " + MAX_DRAIN_SECONDS);
        List<String> proxies = v.get("--trusted-proxies", "127.0.0.0/8,::1", Options::cidrs,
                "use CIDR blocks or addresses separated by commas, e.g. 10.0.0.0/8,::1");
        boolean trace = v.get("--trace", "false", Options::bool, "use 1, true, 0 or false");
        Path cert = v.get("--tls-cert", null, Path::of, "use the path of a PEM file");
        Path key = v.get("--tls-key", null, Path::of, "use the path of a PEM file");
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both (WISP_TLS_CERT, WISP_TLS_KEY) or neither");
        }
        long maxUpload = v.get("--max-upload-bytes", Long.toString(ApiSettings.DEFAULT_MAX_UPLOAD_BYTES), s -> {
            long bytes = Long.parseLong(s);
            if (bytes < 1 || bytes > ApiSettings.MAX_UPLOAD_BYTES) {
                throw new NumberFormatException();
            }
            return bytes;
        }, "use a number of bytes from 1 to " + ApiSettings.MAX_UPLOAD_BYTES + ", e.g. 10485760 for 10 MiB");
        return new Options(port, v.raw("--host", "0.0.0.0"), v.raw("--db", null), v.raw("--data-dir", null),
                drain, proxies, trace, cert, key, maxUpload);
    }

    /**
     * A value as an error message may quote it: control characters as {@code ?} and at most 80
     * characters, so the message stays one line (a value can hold a newline) of sane length.
     */
    static String shown(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 81));
        for (int i = 0; i < value.length() && out.length() < 80; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c);
        }
        return value.length() > 80 ? out + "…" : out.toString();
    }

    private static List<String> cidrs(String s) {
        List<String> blocks = Arrays.stream(s.split(",", -1)).map(String::strip).toList();
        if (blocks.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("empty block");
        }
        dev.wisp.web.middleware.ForwardedHeaders.trusting(blocks); // throws on a bad block
        return blocks;
    }

    private static boolean bool(String s) {
        return switch (s) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException();
        };
    }

    /** Values from the arguments, else the environment, with the source named in errors. */
    private record Values(Map<String, String> given, Map<String, String> env) {
        String raw(String name, String fallback) {
            String value = given.get(name);
            if (value != null) {
                return value;
            }
            String fromEnv = env.get(envOf(name));
            return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv.strip();
        }

        <T> T get(String name, String fallback, Function<String, T> convert, String allowed) {
            String value = raw(name, fallback);
            if (value == null) {
                return null;
            }
            try {
                return convert.apply(value);
            } catch (RuntimeException e) {
                String source = given.containsKey(name) ? name : envOf(name);
                throw new IllegalArgumentException("invalid " + source + " '" + shown(value) + "': " + allowed);
            }
        }

        private static String envOf(String name) {
            return FLAGS.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().env();
        }
    }
}
