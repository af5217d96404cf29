package dev.wisp.server.websocket;

import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.WebSocketConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The server's side of the opening handshake (RFC 6455 §4.2) as a pure function of the request
 * and the configuration: {@link #check} says whether to answer 101 and with which headers, or
 * which error to send instead. Nothing is written here.
 *
 * <p>A request is accepted when (§4.2.1) it is a {@code GET} on HTTP/1.1, {@code Upgrade} lists
 * {@code websocket} and {@code Connection} lists {@code upgrade} (case-insensitive tokens),
 * exactly one {@code Sec-WebSocket-Key} is the base64 form of 16 bytes, exactly one
 * {@code Sec-WebSocket-Version} is {@code 13}, and the origin is allowed. Otherwise: 405 for
 * another method, 426 with {@code Sec-WebSocket-Version: 13} for a missing or other version
 * (§4.4), 403 for a refused origin, 400 for the rest.
 */
public final class Handshake {
    /** §1.3: appended to the key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Handshake() {
    }

    /** What to answer. */
    public sealed interface Result permits Accept, Reject {
    }

    /**
     * Answer 101 with these headers ({@code Upgrade}, {@code Connection},
     * {@code Sec-WebSocket-Accept}, and the chosen subprotocol and extension if any).
     */
    public record Accept(Headers headers, String subprotocol, DeflateParams deflate) implements Result {
    }

    /** Answer {@code status} with these headers and a short fixed text that echoes nothing. */
    public record Reject(int status, Headers headers, String message) implements Result {
    }

    public static Result check(Request request, WebSocketConfig config) {
        Headers h = request.headers();
        if (!request.method().equals("GET")) {
            return new Reject(405, Headers.of("Allow", "GET"), "A WebSocket handshake must be a GET request");
        }
        if (!request.version().equals("HTTP/1.1")) {
            return reject("A WebSocket handshake needs HTTP/1.1");
        }
        if (!h.containsToken("Upgrade", "websocket") || !h.containsToken("Connection", "upgrade")) {
            return reject("Missing Upgrade: websocket or Connection: upgrade");
        }
        List<String> versions = h.all("Sec-WebSocket-Version");
        if (versions.size() != 1 || !versions.get(0).strip().equals("13")) {
            return new Reject(426, Headers.of("Sec-WebSocket-Version", "13"), "Unsupported WebSocket version: use 13");
        }
        List<String> keys = h.all("Sec-WebSocket-Key");
        if (keys.size() != 1 || !isValidKey(keys.get(0).strip())) {
            return reject("Sec-WebSocket-Key must be one base64-encoded 16-byte value");
        }
        if (!originAllowed(request, config)) {
            return new Reject(403, Headers.empty(), "Origin not allowed");
        }
        Headers response = Headers.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Accept", acceptKey(keys.get(0).strip()));
        String protocol = chooseSubprotocol(h.all("Sec-WebSocket-Protocol"), config.subprotocols());
        if (protocol != null) {
            response = response.with("Sec-WebSocket-Protocol", protocol);
        }
        DeflateParams deflate = config.permessageDeflate()
                ? DeflateNegotiation.negotiate(h.all("Sec-WebSocket-Extensions")) : null;
        if (deflate != null) {
            response = response.with("Sec-WebSocket-Extensions", deflate.responseHeader());
        }
        return new Accept(response, protocol, deflate);
    }

    private static Reject reject(String message) {
        return new Reject(400, Headers.empty(), message);
    }

    /** §4.2.2 step 5.4: base64(SHA-1(key + GUID)). */
    public static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-1", e);
        }
    }

    /** 24 characters of canonical base64 (padding included, no stray bits) for 16 bytes (§4.1). */
    static boolean isValidKey(String key) {
        if (key.length() != 24 || !key.endsWith("==")) {
            return false;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(key);
            return raw.length == 16 && Base64.getEncoder().encodeToString(raw).equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The client's first offered subprotocol that this endpoint speaks (§4.2.2 step 5.4), or null. */
    static String chooseSubprotocol(List<String> offered, List<String> supported) {
        if (supported.isEmpty()) {
            return null;
        }
        for (String line : offered) {
            int start = 0;
            while (start <= line.length()) {
                int comma = line.indexOf(',', start);
                int end = comma < 0 ? line.length() : comma;
                String token = line.substring(start, end).strip();
                if (supported.contains(token)) {
                    return token;
                }
                start = end + 1;
            }
        }
        return null;
    }

    /**
     * Cross-Site WebSocket Hijacking defence: a browser always sends {@code Origin}; only the
     * same origin (by host and port) and the configured ones may open a session. No
     * {@code Origin} means a non-browser client, which could forge it anyway.
     */
    static boolean originAllowed(Request request, WebSocketConfig config) {
        List<String> origins = request.headers().all("Origin");
        if (origins.isEmpty()) {
            return true;
        }
        if (origins.size() > 1) {
            return false;
        }
        String origin = origins.get(0).strip();
        if (config.allowedOrigins().contains("*")) {
            return true;
        }
        for (String allowed : config.allowedOrigins()) {
            if (allowed.equalsIgnoreCase(origin)) {
                return true;
            }
        }
        String host = request.headers().get("Host");
        return host != null && sameAuthority(origin, host);
    }

    private static boolean sameAuthority(String origin, String host) {
        int sep = origin.indexOf("://");
        if (sep < 0) {
            return false;
        }
        String scheme = origin.substring(0, sep).toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
        String authority = origin.substring(sep + 3);
        if (defaultPort < 0 || authority.isEmpty() || authority.indexOf('/') >= 0 || authority.indexOf('@') >= 0) {
            return false;
        }
        String a = hostAndPort(authority, defaultPort);
        return a != null && a.equals(hostAndPort(host.strip(), defaultPort));
    }

    /** "host:port" in lower case, with the default port filled in; null if the port isn't a number. */
    private static String hostAndPort(String authority, int defaultPort) {
        int bracket = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        String host = authority;
        int port = defaultPort;
        if (colon > bracket) {
            host = authority.substring(0, colon);
            String digits = authority.substring(colon + 1);
            if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            port = Integer.parseInt(digits);
        }
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
