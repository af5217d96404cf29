package dev.wisp.server.http1;

import dev.wisp.server.io.Ascii;

import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.PercentEncoding;

/**
 * Splits a request-target (RFC 9112 §3.2) into raw path and raw query, and percent-decodes the path.
 * Origin-form ({@code /p?q}), absolute-form ({@code http://host/p?q}) and asterisk-form
 * ({@code *}, OPTIONS only) are accepted; authority-form belongs to CONNECT, which the server
 * answers with 501 before getting here.
 */
public record RequestTarget(String rawPath, String path, String query) {

    public static RequestTarget parse(String method, String target) throws HttpProtocolException {
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw HttpProtocolException.badRequest("The asterisk-form target is only allowed with OPTIONS");
            }
            return new RequestTarget("*", "*", "");
        }
        int pathStart;
        if (target.isEmpty()) {
            throw HttpProtocolException.badRequest("Empty request target");
        }
        if (target.charAt(0) == '/') {
            pathStart = 0;
        } else if (startsWithIgnoreCase(target, "http://") || startsWithIgnoreCase(target, "https://")) {
            int authority = target.indexOf("//") + 2;
            pathStart = authority;
            while (pathStart < target.length() && target.charAt(pathStart) != '/' && target.charAt(pathStart) != '?') {
                pathStart++;
            }
            if (pathStart == authority) {
                throw HttpProtocolException.badRequest("Absolute-form target without a host");
            }
            if (target.lastIndexOf('@', pathStart - 1) >= authority) {
                // RFC 9110 §4.2.4: userinfo is deprecated in http(s) URIs and must be refused; it
                // has long served to disguise the real host (http://trusted.example@evil.example/).
                throw HttpProtocolException.badRequest("Absolute-form target with userinfo");
            }
            if (!Authority.isValid(target, authority, pathStart)) {
                throw HttpProtocolException.badRequest("Invalid authority in absolute-form target");
            }
        } else {
            throw HttpProtocolException.badRequest("Request target must start with '/' or be an absolute URI");
        }
        int q = target.indexOf('?', pathStart);
        int pathEnd = q < 0 ? target.length() : q;
        String rawPath = pathStart == pathEnd ? "/" : target.substring(pathStart, pathEnd);
        if (pathStart == 0 && q < 0) {
            rawPath = target;
        }
        String query = q < 0 ? "" : target.substring(q + 1);
        return new RequestTarget(rawPath, decodePath(rawPath), query);
    }

    /**
     * Percent-decodes a path with the one shared decoder ({@link PercentEncoding#decodePath}).
     * Malformed escapes, invalid UTF-8 and an encoded NUL are rejected with 400: each has been
     * used to slip a path past a check that looked at another spelling.
     */
    private static String decodePath(String raw) throws HttpProtocolException {
        try {
            return PercentEncoding.decodePath(raw);
        } catch (PercentEncoding.MalformedException e) {
            throw HttpProtocolException.badRequest(e.getMessage());
        }
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
