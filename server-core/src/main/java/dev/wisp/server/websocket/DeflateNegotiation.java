package dev.wisp.server.websocket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses a permessage-deflate offer from {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1,
 * RFC 7692 §5 and §7.1): the first offer this server can honour, or none.
 *
 * <p>An offer is declined (RFC 7692 §5.1) if it has an unknown parameter, a parameter twice, or a
 * bad value; and if it has {@code server_max_window_bits} below 15, because the JDK's
 * {@code Deflater} always uses a 15-bit window and would break the limit. Declining is always
 * safe: the session then runs uncompressed. A header that doesn't parse at all is treated as no
 * offer rather than an error, like any extension this server doesn't know.
 */
public final class DeflateNegotiation {
    private static final String NAME = "permessage-deflate";

    private DeflateNegotiation() {
    }

    /** The accepted offer among the header values (in order), or {@code null}. */
    public static DeflateParams negotiate(List<String> headerValues) {
        for (String value : headerValues) {
            List<List<String[]>> extensions = parse(value);
            if (extensions == null) {
                return null;
            }
            for (List<String[]> extension : extensions) {
                if (extension.get(0)[0].equalsIgnoreCase(NAME)) {
                    DeflateParams accepted = accept(extension);
                    if (accepted != null) {
                        return accepted;
                    }
                }
            }
        }
        return null;
    }

    private static DeflateParams accept(List<String[]> offer) {
        Set<String> seen = new HashSet<>();
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int clientBits = 0;
        for (int i = 1; i < offer.size(); i++) {
            String name = offer.get(i)[0].toLowerCase(Locale.ROOT);
            String value = offer.get(i)[1];
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    serverNoContext = true;
                }
                case "client_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    clientNoContext = true;
                }
                case "server_max_window_bits" -> {
                    // Only 15 can be honoured (see the class comment).
                    if (windowBits(value) != 15) {
                        return null;
                    }
                }
                case "client_max_window_bits" -> {
                    // Without a value the client merely supports the parameter (§7.1.2.2).
                    clientBits = value == null ? 0 : windowBits(value);
                    if (clientBits < 0) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new DeflateParams(serverNoContext, clientNoContext, clientBits);
    }

    /** 8..15 written as 1*DIGIT without leading zero (§7.1.2.1), else -1. */
    private static int windowBits(String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
            return -1;
        }
        int bits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            bits = bits * 10 + (c - '0');
        }
        return bits >= 8 && bits <= 15 ? bits : -1;
    }

    /**
     * {@code 1#( token *( ";" token [ "=" ( token / quoted-string ) ] ) )} into lists of
     * {name, value-or-null} pairs, the extension's own name first; {@code null} if malformed.
     */
    static List<List<String[]>> parse(String s) {
        List<List<String[]>> result = new ArrayList<>();
        List<String[]> current = new ArrayList<>();
        int n = s.length();
        int i = 0;
        boolean expectName = true;
        while (true) {
            i = skipSpace(s, i);
            int start = i;
            while (i < n && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                // An empty list element (",,") is allowed by the list rule; an empty name is not.
                if (current.isEmpty() && i < n && s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                if (current.isEmpty() && i == n) {
                    return result;
                }
                return null;
            }
            String name = s.substring(start, i);
            String value = null;
            i = skipSpace(s, i);
            if (!expectName && i < n && s.charAt(i) == '=') {
                i = skipSpace(s, i + 1);
                if (i < n && s.charAt(i) == '"') {
                    StringBuilder v = new StringBuilder();
                    i++;
                    while (i < n && s.charAt(i) != '"') {
                        char c = s.charAt(i++);
                        if (c == '\\' && i < n) {
                            c = s.charAt(i++);
                        }
                        v.append(c);
                    }
                    if (i == n) {
                        return null;
                    }
                    i++;
                    value = v.toString();
                } else {
                    int vs = i;
                    while (i < n && isTokenChar(s.charAt(i))) {
                        i++;
                    }
                    if (i == vs) {
                        return null;
                    }
                    value = s.substring(vs, i);
                }
                i = skipSpace(s, i);
            }
            current.add(new String[] {name, value});
            if (i == n) {
                result.add(current);
                return result;
            }
            char c = s.charAt(i++);
            if (c == ';') {
                expectName = false;
            } else if (c == ',') {
                result.add(current);
                current = new ArrayList<>();
                expectName = true;
            } else {
                return null;
            }
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** RFC 9110 §5.6.2 tchar. */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
