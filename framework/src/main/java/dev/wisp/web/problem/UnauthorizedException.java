package dev.wisp.web.problem;

import dev.wisp.server.Headers;
import java.util.List;

/**
 * 401: the request lacks valid credentials. RFC 9110 §15.5.2 requires a {@code WWW-Authenticate}
 * challenge on every 401, so the constructor asks for one, e.g. {@code Bearer realm="api"}.
 */
public class UnauthorizedException extends HttpException {

    public UnauthorizedException(String challenge, String detail) {
        super(401, detail, Headers.of("WWW-Authenticate", challenge), List.of(), null);
    }
}
