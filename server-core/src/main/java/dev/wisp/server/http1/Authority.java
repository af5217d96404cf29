package dev.wisp.server.http1;

import dev.wisp.server.io.Ascii;
import dev.wisp.server.HttpProtocolException;

/**
 * Validates an authority as HTTP uses it: {@code uri-host [ ":" port ]}, the value of {@code Host}
 * (RFC 9112 §3.2, RFC 9110 §7.2) and the authority of an absolute-form request-target
 * (RFC 9112 §3.2.2). The grammar is RFC 3986 §3.2.2–3.2.3:
 *
 * <ul>
 *   <li>{@code host = IP-literal / IPv4address / reg-name}, where a reg-name is unreserved
 *       characters, sub-delims and complete {@code %XX} escapes (an IPv4 address is also a valid
 *       reg-name, so it needs no separate rule);
 *   <li>{@code IP-literal = "[" ( IPv6address / IPvFuture ) "]"}; an IPv6 zone ({@code %25eth0},
 *       RFC 6874) is not part of the HTTP grammar and is refused;
 *   <li>{@code port = *DIGIT}: an empty port ({@code host:}) is allowed by the grammar and means
 *       the scheme's default (RFC 3986 §3.2.3, RFC 9110 §4.2.3); a port that no TCP connection can
 *       have (more than 65535) is refused.
 * </ul>
 *
 * <p>A host that is empty while a port is present ({@code :80}) is refused: an {@code http} URI
 * with an empty host is invalid (RFC 9110 §4.2.1). Whether a wholly empty authority is allowed
 * depends on where it appears, so callers decide that. Userinfo ({@code user@host}) is not part of
 * {@code uri-host}: the {@code @} makes the value invalid (RFC 9110 §4.2.4 forbids userinfo in
 * {@code http} URIs, and it has long been used to disguise the real host).
 *
 * <p>Stateless; thread-safe. Allocates nothing.
 */
public final class Authority {
    private static final boolean[] REG_NAME = new boolean[128];

    static {
        for (int c = '0'; c <= '9'; c++) REG_NAME[c] = true;
        for (int c = 'a'; c <= 'z'; c++) REG_NAME[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) REG_NAME[c] = true;
        // unreserved (RFC 3986 §2.3) and sub-delims (§2.2)
        for (char c : "-._~!$&'()*+,;=".toCharArray()) REG_NAME[c] = true;
    }

    private static final int MAX_PORT = 65535;

    private Authority() {
    }

    /**
     * Checks the {@code Host} field of an HTTP/1.x request: exactly one on HTTP/1.1, at most one
     * on HTTP/1.0, and a valid {@code uri-host [ ":" port ]} or an empty value (RFC 9112 §3.2: a
     * client sends an empty Host when the target URI has no authority). 400 otherwise.
     */
    public static void checkHostField(RequestHead head) throws HttpProtocolException {
        int count = head.headers().count("Host");
        if (count > 1 || (count == 0 && head.minorVersion() == 1)) {
            throw HttpProtocolException.badRequest("An HTTP/1.1 request needs exactly one Host header");
        }
        String host = head.headers().get("Host");
        if (host != null && !host.isEmpty() && !isValid(host, 0, host.length())) {
            throw HttpProtocolException.badRequest("Invalid Host header");
        }
    }

    /** Whether {@code s[from, to)} is a non-empty {@code uri-host [ ":" port ]} as described above. */
    public static boolean isValid(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        int hostEnd;
        if (s.charAt(from) == '[') {
            int close = s.indexOf(']', from + 1);
            if (close < 0 || close >= to || !ipLiteral(s, from + 1, close)) {
                return false;
            }
            hostEnd = close + 1;
            if (hostEnd < to && s.charAt(hostEnd) != ':') {
                return false;
            }
        } else {
            hostEnd = from;
            while (hostEnd < to && s.charAt(hostEnd) != ':') {
                hostEnd++;
            }
            if (hostEnd == from || !regName(s, from, hostEnd)) {
                return false;
            }
        }
        return hostEnd == to || port(s, hostEnd + 1, to);
    }

    private static boolean regName(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || Ascii.hexValue(s.charAt(i + 1)) < 0 || Ascii.hexValue(s.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            } else if (c >= 128 || !REG_NAME[c]) {
                return false;
            }
        }
        return true;
    }

    /** {@code *DIGIT}, at most 65535; empty is allowed (the default port). */
    private static boolean port(String s, int from, int to) {
        if (to - from > 5) {
            return false;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_PORT;
    }

    private static boolean ipLiteral(String s, int from, int to) {
        if (from < to && (s.charAt(from) == 'v' || s.charAt(from) == 'V')) {
            return ipvFuture(s, from + 1, to);
        }
        return ipv6(s, from, to);
    }

    /** {@code "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )}, after the {@code v}. */
    private static boolean ipvFuture(String s, int from, int to) {
        int i = from;
        while (i < to && Ascii.hexValue(s.charAt(i)) >= 0) {
            i++;
        }
        if (i == from || i >= to || s.charAt(i) != '.' || i + 1 == to) {
            return false;
        }
        for (i++; i < to; i++) {
            char c = s.charAt(i);
            if (c != ':' && (c >= 128 || !REG_NAME[c])) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 3986's IPv6address: eight groups of one to four hex digits separated by {@code :}, of
     * which the last two may be written as an IPv4 address, and one run of zero groups (at least
     * one group) may be written {@code ::}.
     */
    static boolean ipv6(String s, int from, int to) {
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            compressed = true;
            i += 2;
        }
        while (i < to) {
            int start = i;
            while (i < to && i - start < 5 && Ascii.hexValue(s.charAt(i)) >= 0) {
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // The IPv4 tail ends the address and stands for two groups.
                if (!ipv4(s, start, to)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (i == start || i - start > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == to) {
                return false; // a single trailing colon
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    /** {@code dec-octet "." dec-octet "." dec-octet "." dec-octet}, no leading zeros (RFC 3986 §3.2.2). */
    static boolean ipv4(String s, int from, int to) {
        int octets = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 3 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            octets++;
            if (i == to) {
                return octets == 4;
            }
            if (octets == 4 || s.charAt(i) != '.') {
                return false;
            }
            i++;
        }
    }
}
