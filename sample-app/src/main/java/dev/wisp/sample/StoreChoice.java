package dev.wisp.sample;

import dev.wisp.sample.db.DbConfig;
import dev.wisp.sample.db.JdbcTodoStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Which store the app runs on, from {@code --db} / {@code WISP_DB_URL} and {@code --data-dir} /
 * {@code WISP_DATA_DIR}:
 * <ul>
 *   <li>absent or {@code embedded}: H2 in the data directory (default {@value #DEFAULT_DATA_DIR});</li>
 *   <li>{@code memory}: {@link InMemoryTodoStore}, emptied at exit;</li>
 *   <li>{@code jdbc:postgresql://host[:port]/db[?…]} or {@code postgresql://[user[:password]@]host[:port]/db}
 *       (also {@code postgres://}): PostgreSQL. User and password come from {@code WISP_DB_USER} /
 *       {@code WISP_DB_PASSWORD} when set, else from the URL.</li>
 * </ul>
 *
 * @param db          a {@link DbConfig}, or {@code null} for the in-memory store
 * @param description for the start-up line: where the data lives, without secrets
 */
record StoreChoice(DbConfig db, String description) {
    static final String DEFAULT_DATA_DIR = "wisp-data";

    /** Parses the values (each may be null); {@link IllegalArgumentException} with a one-line fix. */
    static StoreChoice parse(String db, String dataDir, String user, String password) {
        String value = db == null || db.isBlank() ? "embedded" : db.strip();
        if (value.equals("memory")) {
            return new StoreChoice(null, "memory (lost at exit)");
        }
        if (value.equals("embedded")) {
            Path dir;
            try {
                dir = Path.of(dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir.strip());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("invalid data directory '" + dataDir + "': " + e.getReason());
            }
            try {
                return new StoreChoice(DbConfig.embedded(dir), "embedded H2 in " + dir.toAbsolutePath());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid data directory '" + dataDir + "': it must not contain ';'");
            }
        }
        String u = blankToNull(user);
        String p = blankToNull(password);
        if (value.startsWith("jdbc:postgresql://")) {
            return postgres(DbConfig.postgres(value, u, p));
        }
        if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
            return fromUri(value, u, p);
        }
        throw new IllegalArgumentException("invalid database '" + redact(value) + "': use memory, embedded, or a PostgreSQL URL"
                + " such as postgresql://localhost:5432/todos or jdbc:postgresql://localhost:5432/todos");
    }

    /** A libpq-style URI as a JDBC URL, its user and password taken out of it (decoded). */
    private static StoreChoice fromUri(String value, String user, String password) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid database URL '" + redact(value) + "': " + e.getReason());
        }
        if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() < 2) {
            throw new IllegalArgumentException("invalid database URL '" + redact(value)
                    + "': it needs a host and a database, e.g. postgresql://localhost:5432/todos");
        }
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String urlUser = decode(colon < 0 ? info : info.substring(0, colon));
            String urlPassword = colon < 0 ? null : decode(info.substring(colon + 1));
            user = user != null ? user : urlUser;
            password = password != null ? password : urlPassword;
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
        return postgres(DbConfig.postgres(jdbc, user, password));
    }

    private static StoreChoice postgres(DbConfig db) {
        return new StoreChoice(db, "PostgreSQL at " + db.safeUrl());
    }

    /** Opens the store; {@link StoreException} with a one-line message when the database fails. */
    TodoStore open() {
        return db == null ? new InMemoryTodoStore() : JdbcTodoStore.open(db);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The value with anything between {@code ://} and {@code @} hidden, and no query: no password in a message. */
    private static String redact(String value) {
        int q = value.indexOf('?');
        String v = q < 0 ? value : value.substring(0, q);
        int scheme = v.indexOf("://");
        int at = v.lastIndexOf('@');
        return scheme >= 0 && at > scheme ? v.substring(0, scheme + 3) + "…@" + v.substring(at + 1) : v;
    }
}
