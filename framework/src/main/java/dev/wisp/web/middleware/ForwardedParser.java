package dev.wisp.web.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the proxy chain from {@code Forwarded} (RFC 7239) or {@code X-Forwarded-For} into hops,
 * leftmost (the client's side) first. Byte-level, bounded: at most {@link #MAX_HOPS} hops, and
 * every value is checked against its grammar. Any syntax error makes the whole chain unusable
 * ({@code null}): a chain we cannot read is a chain we cannot trust one part of.
 */
final class ForwardedParser {
    /** More hops than any real deployment has; past it the header is ignored, not partly used. */
    static final int MAX_HOPS = 64;

    /**
     * One hop: the node its proxy received the request from, and (for {@code Forwarded}) the
     * protocol and {@code Host} it received; {@code null} when the element doesn't say.
     */
    record Hop(Node node, String proto, String host) {
    }

    /**
     * A node (RFC 7239 §6): an address and port, or {@code address == null} for {@code unknown}
     * and obfuscated identifiers ({@code _hidden}). {@code port} is 0 when absent or obfuscated.
     */
    record Node(byte[] address, int port) {
        static final Node HIDDEN = new Node(null, 0);
    }

    private ForwardedParser() {
    }

    /**
     * The hops of {@code Forwarded} field values (RFC 7239 §4), in order; {@code null} when any
     * value is malformed, an element repeats a parameter or lacks {@code for}, or there are too many.
     *
     * <pre>
     * Forwarded         = 1#forwarded-element
     * forwarded-element = [ forwarded-pair ] *( ";" [ forwarded-pair ] )
     * forwarded-pair    = token "=" value
     * value             = token / quoted-string
     * </pre>
     *
     * Optional whitespace is accepted around {@code ,} and {@code ;}, as sent by common proxies.
     */
    static List<Hop> forwarded(List<String> fieldValues) {
        List<Hop> hops = new ArrayList<>();
        for (String s : fieldValues) {
            int i = 0;
            int n = s.length();
            while (true) {
                i = skipOws(s, i);
                if (i == n) {
                    break;
                }
                if (s.charAt(i) == ',') {          // an empty list element (RFC 9110 §5.6.1.2)
                    i++;
                    continue;
                }
                String forNode = null;
                String proto = null;
                String host = null;
                boolean sawBy = false;
                while (true) {
                    i = skipOws(s, i);
                    if (i < n && s.charAt(i) != ';' && s.charAt(i) != ',') {
                        int nameStart = i;
                        while (i < n && isTchar(s.charAt(i))) {
                            i++;
                        }
                        if (i == nameStart || i == n || s.charAt(i) != '=') {
                            return null;
                        }
                        String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
                        i++;
                        int valueEnd = valueEnd(s, i);
                        if (valueEnd < 0) {
                            return null;
                        }
                        String value = unquote(s, i, valueEnd);
                        i = valueEnd;
                        // RFC 7239 §4: each parameter MUST NOT occur more than once per element.
                        switch (name) {
                            case "for" -> {
                                if (forNode != null) return null;
                                forNode = value;
                            }
                            case "proto" -> {
                                if (proto != null) return null;
                                proto = value;
                            }
                            case "host" -> {
                                if (host != null) return null;
                                host = value;
                            }
                            case "by" -> {
                                if (sawBy) return null;
                                sawBy = true;
                            }
                            default -> {
                                // Extensions (RFC 7239 §5.5) are allowed and ignored.
                            }
                        }
                        i = skipOws(s, i);
                    }
                    if (i < n && s.charAt(i) == ';') {
                        i++;
                        continue;
                    }
                    break;
                }
                if (i < n && s.charAt(i) != ',') {
                    return null;
                }
                if (forNode == null) {
                    return null;                    // without "for" a hop says nothing we can walk
                }
                Node node = node(forNode);
                if (node == null || hops.size() == MAX_HOPS) {
                    return null;
                }
                hops.add(new Hop(node, proto, host));
            }
        }
        return hops.isEmpty() ? null : hops;
    }

    /**
     * The hops of {@code X-Forwarded-For} field values: a comma-separated list of addresses
     * (IPv4, IPv6 bare or bracketed, optionally with a port, or {@code unknown}); {@code null}
     * when any element is malformed or there are too many.
     */
    static List<Hop> xForwardedFor(List<String> fieldValues) {
        List<Hop> hops = new ArrayList<>();
        for (String s : fieldValues) {
            int i = 0;
            int n = s.length();
            while (i <= n) {
                int comma = s.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                int from = skipOws(s, i);
                int to = end;
                while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
                    to--;
                }
                if (from < to) {
                    String element = s.substring(from, to);
                    Node node = bareIpv6(element) ? address(element, 0, element.length(), 0) : node(element);
                    if (node == null || hops.size() == MAX_HOPS) {
                        return null;
                    }
                    hops.add(new Hop(node, null, null));
                }
                if (comma < 0) {
                    break;
                }
                i = comma + 1;
            }
        }
        return hops.isEmpty() ? null : hops;
    }

    /**
     * RFC 7239 §6: {@code node = nodename [ ":" node-port ]}, {@code nodename = IPv4address /
     * "[" IPv6address "]" / "unknown" / obfnode}; {@code null} when malformed.
     */
    static Node node(String v) {
        int n = v.length();
        int nameEnd;
        if (n > 0 && v.charAt(0) == '[') {
            int close = v.indexOf(']');
            if (close < 0) {
                return null;
            }
            nameEnd = close + 1;
        } else {
            int colon = v.indexOf(':');
            nameEnd = colon < 0 ? n : colon;
        }
        int port = 0;
        if (nameEnd < n) {
            if (v.charAt(nameEnd) != ':') {
                return null;
            }
            port = port(v, nameEnd + 1, n);
            if (port < 0) {
                return null;
            }
        }
        if (nameEnd == 7 && v.regionMatches(true, 0, "unknown", 0, 7)) {
            return Node.HIDDEN;
        }
        if (nameEnd > 0 && v.charAt(0) == '_') {
            return isObfuscated(v, 1, nameEnd) ? Node.HIDDEN : null;
        }
        if (nameEnd > 0 && v.charAt(0) == '[') {
            byte[] a = IpAddresses.parseIpv6(v, 1, nameEnd - 1);
            return a == null ? null : new Node(a, port);
        }
        return address(v, 0, nameEnd, port);
    }

    private static Node address(String v, int from, int to, int port) {
        byte[] a = IpAddresses.parse(v, from, to);
        return a == null ? null : new Node(a, port);
    }

    /** An IPv6 literal written without brackets (two or more colons), as X-Forwarded-For allows. */
    private static boolean bareIpv6(String v) {
        int first = v.indexOf(':');
        return first >= 0 && v.indexOf(':', first + 1) >= 0 && v.charAt(0) != '[';
    }

    /** {@code port = 1*5DIGIT} (at most 65535) or {@code obfport = "_" 1*(ALPHA / DIGIT / "." / "_" / "-")} → 0. */
    private static int port(String v, int from, int to) {
        if (from < to && v.charAt(from) == '_') {
            return isObfuscated(v, from + 1, to) ? 0 : -1;
        }
        return IpAddresses.decimal(v, from, to, 65535);
    }

    private static boolean isObfuscated(String v, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The end of a token or quoted-string value starting at {@code i}, or -1 if there is none. */
    private static int valueEnd(String s, int i) {
        int n = s.length();
        if (i < n && s.charAt(i) == '"') {
            i++;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    return i + 1;
                }
                if (c == '\\') {
                    // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ), RFC 9110 §5.6.4
                    if (i + 1 >= n || !isQuotable(s.charAt(i + 1))) {
                        return -1;
                    }
                    i += 2;
                } else if (isQdtext(c)) {
                    i++;
                } else {
                    return -1;
                }
            }
            return -1;
        }
        int start = i;
        while (i < n && isTchar(s.charAt(i))) {
            i++;
        }
        return i == start ? -1 : i;
    }

    private static String unquote(String s, int from, int to) {
        if (s.charAt(from) != '"') {
            return s.substring(from, to);
        }
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int skipOws(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** RFC 9110 §5.6.2 tchar. */
    static boolean isTchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c < 128 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** RFC 9110 §5.6.4 qdtext: HTAB, SP, %x21, %x23-5B, %x5D-7E, obs-text. */
    private static boolean isQdtext(char c) {
        return c == '\t' || c == ' ' || c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E || c >= 0x80 && c <= 0xFF;
    }

    private static boolean isQuotable(char c) {
        return c == '\t' || c >= 0x20 && c <= 0x7E || c >= 0x80 && c <= 0xFF;
    }
}
