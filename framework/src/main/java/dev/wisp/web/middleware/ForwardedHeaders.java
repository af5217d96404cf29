package dev.wisp.web.middleware;

import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.web.App;
import dev.wisp.web.middleware.ForwardedParser.Hop;
import dev.wisp.web.middleware.ForwardedParser.Node;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Believes what trusted reverse proxies say about the client: RFC 7239 {@code Forwarded}, or else
 * {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}, plus
 * {@code X-Forwarded-Prefix}. Register it first, so access logs, redirects and {@code Location}
 * headers see the client's view:
 *
 * <pre>{@code
 * app.use(ForwardedHeaders.trusting("10.0.0.0/8", "fd00::/8")).use(AccessLog.toStdout());
 * }</pre>
 *
 * <p><b>Trust.</b> Only a request whose connection comes from a trusted address (a CIDR block of
 * the list, IPv4 or IPv6) is touched; the default list, {@link #trustingLoopback()}, is
 * {@code 127.0.0.0/8} and {@code ::1}: a proxy on the same host. The chain is walked from the
 * right, the hop nearest this server: each hop's address is believed only because the proxy that
 * wrote it is trusted, and the walk stops at the first address that is not a trusted proxy, so
 * a client cannot spoof its address by sending its own header (RFC 7239 §8.1). A hop that hides
 * its node ({@code for=unknown}, {@code for=_hidden}, RFC 7239 §6.2–6.3) also stops the walk; the
 * remote address then stays that of the last proxy we know.
 *
 * <p><b>What changes.</b> {@link Request#remoteAddress()} (port 0 when the proxy gave none) and
 * {@link Request#scheme()} through {@link Request#withConnection}; the {@code Host} header is
 * replaced by the forwarded host, since that is what the application and the framework read to
 * build absolute URLs; {@code X-Forwarded-Prefix} is prepended to the base path
 * {@link App#BASE_PATH}, which the framework's redirects and {@code WebRequest.basePath()} use. The
 * scheme and host come from the element written by the proxy that faced the client; with the
 * {@code X-Forwarded-*} headers, {@code -Proto}, {@code -Host} and {@code -Prefix} are used only
 * when they hold exactly one value (a list cannot be matched to hops reliably).
 *
 * <p><b>What doesn't.</b> The forwarded header fields themselves stay in the request as received,
 * from trusted and untrusted peers alike: they are evidence (worth logging when they look
 * spoofed), and code that wants the client's address reads {@code remoteAddress()}, never the
 * header. When {@code Forwarded} is present the {@code X-Forwarded-*} headers other than
 * {@code -Prefix} are ignored. Malformed values are ignored: an unreadable chain leaves the
 * address and scheme as they are, a bad proto, host or prefix leaves just that one alone — never
 * an error response.
 *
 * <p>Thread-safe and immutable; the trust list is parsed once.
 */
public final class ForwardedHeaders implements Middleware {
    private static final int MAX_HOST_LENGTH = 261;    // 253 for a name, ":" and 5 digits, or a bracketed IPv6
    private static final int MAX_PREFIX_LENGTH = 1024;

    private final List<Cidr> trusted;

    private ForwardedHeaders(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Trusts a proxy on this host: {@code 127.0.0.0/8} and {@code ::1}. */
    public static ForwardedHeaders trustingLoopback() {
        return trusting("127.0.0.0/8", "::1");
    }

    /**
     * Trusts proxies in these blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or at these
     * addresses ({@code 192.168.1.7}); {@link IllegalArgumentException} names an invalid one.
     */
    public static ForwardedHeaders trusting(String... blocks) {
        return trusting(List.of(blocks));
    }

    public static ForwardedHeaders trusting(List<String> blocks) {
        List<Cidr> parsed = new ArrayList<>();
        for (String b : blocks) {
            parsed.add(Cidr.parse(Objects.requireNonNull(b, "block").strip()));
        }
        return new ForwardedHeaders(parsed);
    }

    @Override
    public Handler wrap(Handler next) {
        Objects.requireNonNull(next, "next");
        return request -> next.handle(apply(request));
    }

    /** The request as the next handler sees it. */
    Request apply(Request request) {
        InetAddress peer = request.remoteAddress().getAddress();
        if (peer == null || !isTrusted(peer.getAddress())) {
            return request;
        }
        Headers headers = request.headers();
        List<String> forwarded = headers.all("Forwarded");
        InetSocketAddress client = null;
        String proto = null;
        String host = null;
        if (!forwarded.isEmpty()) {
            List<Hop> hops = ForwardedParser.forwarded(forwarded);
            if (hops != null) {
                int chosen = walk(hops);
                client = lastAddress(hops, chosen);
                proto = hops.get(chosen).proto();
                host = hops.get(chosen).host();
            }
        } else {
            List<String> xff = headers.all("X-Forwarded-For");
            if (!xff.isEmpty()) {
                List<Hop> hops = ForwardedParser.xForwardedFor(xff);
                if (hops != null) {
                    client = lastAddress(hops, walk(hops));
                }
            }
            proto = single(headers, "X-Forwarded-Proto");
            host = single(headers, "X-Forwarded-Host");
        }
        String prefix = prefix(single(headers, "X-Forwarded-Prefix"));
        String scheme = scheme(proto);
        host = host != null && isValidHost(host) ? host : null;

        Request out = request;
        ConnectionInfo connection = request.connection();
        if (client != null) {
            connection = connection.withRemoteAddress(client);
        }
        if (scheme != null) {
            connection = connection.withScheme(scheme);
        }
        if (connection != request.connection()) {
            out = out.withConnection(connection);
        }
        if (host != null) {
            out = out.withHeaders(headers.withOnly("Host", host));
        }
        if (prefix != null) {
            String base = out.attribute(App.BASE_PATH);
            out = out.withAttribute(App.BASE_PATH, base == null ? prefix : prefix + base);
        }
        return out;
    }

    /**
     * The index of the hop that names the client: from the right, past every hop whose address
     * is a trusted proxy, stopping at an untrusted or hidden one (or at the leftmost).
     */
    private int walk(List<Hop> hops) {
        int i = hops.size() - 1;
        while (i > 0) {
            Node node = hops.get(i).node();
            if (node.address() == null || !isTrusted(node.address())) {
                break;
            }
            i--;
        }
        return i;
    }

    /**
     * The client's address if hop {@code chosen} names one, else (a hidden node) the nearest
     * address to its right — the proxy that hid it — or {@code null} to keep the peer's.
     */
    private static InetSocketAddress lastAddress(List<Hop> hops, int chosen) {
        for (int i = chosen; i < hops.size(); i++) {
            Node node = hops.get(i).node();
            if (node.address() != null) {
                try {
                    // getByAddress never consults DNS; it only checks the length (4 or 16).
                    return new InetSocketAddress(InetAddress.getByAddress(node.address()), node.port());
                } catch (UnknownHostException impossible) {
                    return null;
                }
            }
        }
        return null;
    }

    private boolean isTrusted(byte[] address) {
        for (Cidr c : trusted) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The header's value if it occurs once and is not a list, else {@code null}. */
    private static String single(Headers headers, String name) {
        if (headers.count(name) != 1) {
            return null;
        }
        String v = headers.get(name).strip();
        return v.isEmpty() || v.indexOf(',') >= 0 ? null : v;
    }

    /** {@code http} or {@code https}, case-insensitively (RFC 3986 §3.1); anything else is ignored. */
    private static String scheme(String proto) {
        if (proto == null) {
            return null;
        }
        if (proto.equalsIgnoreCase("https")) {
            return "https";
        }
        return proto.equalsIgnoreCase("http") ? "http" : null;
    }

    /**
     * RFC 9110 §7.2 {@code Host = uri-host [ ":" port ]}, restricted to what is safe to put in a
     * URL unescaped: a DNS-style name ({@code A-Z a-z 0-9 . - _ ~}), an IPv4 literal, or a
     * bracketed IPv6 literal, then an optional port.
     */
    static boolean isValidHost(String host) {
        int n = host.length();
        if (n == 0 || n > MAX_HOST_LENGTH) {
            return false;
        }
        int nameEnd;
        if (host.charAt(0) == '[') {
            int close = host.indexOf(']');
            if (close < 0 || IpAddresses.parseIpv6(host, 1, close) == null) {
                return false;
            }
            nameEnd = close + 1;
        } else {
            nameEnd = 0;
            while (nameEnd < n && host.charAt(nameEnd) != ':') {
                char c = host.charAt(nameEnd);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == '~')) {
                    return false;
                }
                nameEnd++;
            }
            if (nameEnd == 0) {
                return false;
            }
        }
        if (nameEnd == n) {
            return true;
        }
        return host.charAt(nameEnd) == ':' && IpAddresses.decimal(host, nameEnd + 1, n, 65535) >= 0;
    }

    /**
     * A usable base-path prefix: starts with {@code /}, path characters only (RFC 3986 §3.3
     * {@code pchar} minus {@code ;} and {@code ,}), no empty, {@code .} or {@code ..} segment and
     * no encoded {@code .} or {@code /}; a
     * trailing {@code /} is dropped. {@code null} for anything else, and for {@code /} alone.
     */
    static String prefix(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_PREFIX_LENGTH || value.charAt(0) != '/') {
            return null;
        }
        String p = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        if (p.isEmpty()) {
            return null;
        }
        int segmentStart = 1;
        for (int i = 1; i <= p.length(); i++) {
            if (i == p.length() || p.charAt(i) == '/') {
                int len = i - segmentStart;
                if (len == 0 || len == 1 && p.charAt(segmentStart) == '.'
                        || len == 2 && p.charAt(segmentStart) == '.' && p.charAt(segmentStart + 1) == '.') {
                    return null;
                }
                segmentStart = i + 1;
                continue;
            }
            char c = p.charAt(i);
            if (c == '%') {
                if (i + 2 >= p.length() || AsciiHex.value(p.charAt(i + 1)) < 0 || AsciiHex.value(p.charAt(i + 2)) < 0) {
                    return null;
                }
                // An encoded '.' or '/' would smuggle a dot-segment or a separator past the checks above.
                char hi = p.charAt(i + 1);
                char lo = Character.toLowerCase(p.charAt(i + 2));
                if (hi == '2' && (lo == 'e' || lo == 'f')) {
                    return null;
                }
                i += 2;
                continue;
            }
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c < 128 && "-._~!$&'()*+=:@".indexOf(c) >= 0)) {
                return null;
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "ForwardedHeaders" + trusted;
    }
}
