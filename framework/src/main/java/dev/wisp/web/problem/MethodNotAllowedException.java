package dev.wisp.web.problem;

import dev.wisp.server.Headers;
import java.util.List;

/**
 * 405: the resource exists but not for this method. RFC 9110 §15.5.6 requires an {@code Allow}
 * header listing the methods it does support, so the constructor asks for it ({@code "GET, HEAD"}).
 */
public class MethodNotAllowedException extends HttpException {
    private final String allow;

    public MethodNotAllowedException(String allow, String detail) {
        super(405, detail, Headers.of("Allow", allow), List.of(), null);
        this.allow = allow;
    }

    /** The {@code Allow} value, e.g. {@code GET, HEAD, OPTIONS}. */
    public String allow() {
        return allow;
    }
}
