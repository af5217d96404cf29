package dev.wisp.server.http2;

import dev.wisp.server.Attributes;
import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Request;
import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.io.Ascii;
import dev.wisp.server.http1.RequestTarget;
import java.io.InputStream;

/**
 * A request's decoded field list checked against RFC 9113 §8.2 and §8.3, and turned into what the
 * core's {@link Request} needs: the same values a handler sees on HTTP/1.1, with version
 * {@code HTTP/2} and the pseudo-header {@code :authority} presented as {@code Host}.
 *
 * <p>A malformed request (§8.1.1) is a stream error PROTOCOL_ERROR: upper-case or invalid field
 * names; a value with NUL, CR, LF or another control, or with leading or trailing white space; an
 * unknown, repeated or response pseudo-header, or one after a regular field; a missing
 * {@code :method}, {@code :scheme} or {@code :path} (except CONNECT, which has {@code :authority}
 * alone); connection-specific fields ({@code connection}, {@code keep-alive},
 * {@code proxy-connection}, {@code transfer-encoding}, {@code upgrade}) and {@code te} other than
 * {@code trailers}; {@code :authority} with userinfo or disagreeing with {@code host}; and
 * {@code content-length} that is not one decimal number. Cookie crumbs are joined with "; "
 * (§8.2.3). A target that is well-formed for HTTP/2 but not for HTTP (a bad percent-escape) is an
 * {@link HttpProtocolException} 400, as on HTTP/1.1.
 *
 * @param contentLength the declared body length, or -1; the connection checks DATA against it (§8.1.1)
 */
public record RequestFields(String method, String scheme, String authority, String target, RequestTarget parsedTarget,
                            Headers headers, long contentLength) {

    /** Validates {@code fields} for stream {@code streamId}. */
    public static RequestFields of(FieldList fields, int streamId) throws Http2Exception, HttpProtocolException {
        String method = null, scheme = null, authority = null, path = null, cookie = null;
        String[] regular = new String[2 * fields.size() + 2];
        int n = 0;
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.name(i);
            String value = fields.value(i);
            checkValue(value, streamId);
            if (name.startsWith(":")) {
                if (n > 0) {
                    throw malformed(streamId, "pseudo-header after a regular field");
                }
                switch (name) {
                    case ":method" -> method = once(method, value, streamId);
                    case ":scheme" -> scheme = once(scheme, value, streamId);
                    case ":authority" -> authority = once(authority, value, streamId);
                    case ":path" -> path = once(path, value, streamId);
                    default -> throw malformed(streamId, "unknown pseudo-header");
                }
                continue;
            }
            checkName(name, streamId);
            switch (name) {
                case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" ->
                        throw malformed(streamId, "connection-specific header field");
                case "te" -> {
                    if (!value.equals("trailers")) {
                        throw malformed(streamId, "te other than trailers");
                    }
                }
                case "cookie" -> {
                    cookie = cookie == null ? value : cookie + "; " + value;
                    continue;
                }
                default -> {
                }
            }
            regular[n++] = name;
            regular[n++] = value;
        }
        return build(method, scheme, authority, path, cookie, regular, n, streamId);
    }

    private static RequestFields build(String method, String scheme, String authority, String path, String cookie,
                                       String[] regular, int n, int streamId) throws Http2Exception, HttpProtocolException {
        if (method == null || !isToken(method)) {
            throw malformed(streamId, "missing or invalid :method");
        }
        boolean connect = method.equals("CONNECT");
        if (connect ? authority == null || scheme != null || path != null : scheme == null || path == null || path.isEmpty()) {
            throw malformed(streamId, "missing or extra pseudo-header");
        }
        if (authority != null && (authority.isEmpty() || authority.indexOf('@') >= 0)) {
            throw malformed(streamId, "invalid :authority");
        }
        Headers headers = Headers.of(java.util.Arrays.copyOf(regular, n));
        String host = headers.get("host");
        if (authority != null && host != null && !host.equalsIgnoreCase(authority)) {
            throw malformed(streamId, ":authority and host disagree");
        }
        if (headers.count("host") > 1) {
            throw malformed(streamId, "more than one host");
        }
        if (authority != null && host == null) {
            headers = headers.with("host", authority); // as HTTP/1.1 handlers expect (RFC 9113 §8.3.1)
        }
        if (cookie != null) {
            headers = headers.with("cookie", cookie);
        }
        long contentLength = contentLength(headers, streamId);
        if (connect) {
            return new RequestFields(method, "", authority, authority, new RequestTarget("", "", ""), headers, contentLength);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c > 127 || !Ascii.isTarget((byte) c)) {
                throw malformed(streamId, "invalid character in :path");
            }
        }
        if (path.charAt(0) != '/' && !(path.equals("*") && method.equals("OPTIONS"))) {
            throw malformed(streamId, ":path is neither a path nor * for OPTIONS");
        }
        return new RequestFields(method, scheme, authority, path, RequestTarget.parse(method, path), headers, contentLength);
    }

    /** The request a handler sees: version {@code HTTP/2}, the body the connection feeds from DATA. */
    public Request toRequest(ConnectionInfo connection, InputStream body, Attributes attributes) {
        return new Request(method, target, parsedTarget.rawPath(), parsedTarget.path(), parsedTarget.query(), "HTTP/2",
                headers, connection, body, attributes);
    }

    private static long contentLength(Headers headers, int streamId) throws Http2Exception {
        long length = -1;
        for (String value : headers.all("content-length")) {
            if (value.isEmpty() || value.length() > 18) {
                throw malformed(streamId, "invalid content-length");
            }
            long v = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    throw malformed(streamId, "invalid content-length");
                }
                v = 10 * v + (c - '0');
            }
            if (length >= 0 && v != length) {
                throw malformed(streamId, "conflicting content-length");
            }
            length = v;
        }
        return length;
    }

    private static String once(String previous, String value, int streamId) throws Http2Exception {
        if (previous != null) {
            throw malformed(streamId, "repeated pseudo-header");
        }
        return value;
    }

    /** §8.2.1: a token with no upper-case letters. */
    private static void checkName(String name, int streamId) throws Http2Exception {
        if (name.isEmpty() || !isToken(name)) {
            throw malformed(streamId, "invalid field name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                throw malformed(streamId, "upper-case field name");
            }
        }
    }

    /** §8.2.1, and RFC 9110 §5.5 as the HTTP/1.1 parser applies it: no controls, no surrounding white space. */
    private static void checkValue(String value, int streamId) throws Http2Exception {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw malformed(streamId, "control character in a field value");
            }
        }
        if (!value.isEmpty() && (isWhite(value.charAt(0)) || isWhite(value.charAt(value.length() - 1)))) {
            throw malformed(streamId, "white space around a field value");
        }
    }

    private static boolean isWhite(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 127 || !Ascii.isToken((byte) c)) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static Http2Exception malformed(int streamId, String message) {
        return Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, message);
    }
}
