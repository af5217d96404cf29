package dev.wisp.web.middleware;

import dev.wisp.server.AttributeKey;
import dev.wisp.server.Handler;
import dev.wisp.server.Request;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id: the incoming {@code X-Request-Id} when it is valid (a proxy or the
 * client already assigned one), otherwise a new random one in UUID form. The id is stored as the
 * request attribute {@link #KEY} (read it with {@link #of(Request)}) and echoed in the response's
 * {@code X-Request-Id} header. Error logs and {@link AccessLog} pick it up from there.
 *
 * <p>Valid means 1 to 128 characters from {@code A-Z a-z 0-9 - _ . : + / = @}: enough for UUIDs,
 * ULIDs and trace ids, and nothing that could break a log line or a header. Generated ids come
 * from {@link ThreadLocalRandom}: unique enough to correlate logs, not secrets.
 */
public final class RequestId implements Middleware {
    /** The header carrying the id. */
    public static final String HEADER = "X-Request-Id";
    /** The request attribute holding the id. */
    public static final AttributeKey<String> KEY = AttributeKey.of("wisp.requestId");
    private static final int MAX_LENGTH = 128;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestId() {
    }

    public static RequestId create() {
        return new RequestId();
    }

    /** The id of a request that went through this middleware, or {@code null}. */
    public static String of(Request request) {
        return request.attribute(KEY);
    }

    @Override
    public Handler wrap(Handler next) {
        Objects.requireNonNull(next, "next");
        return request -> {
            String incoming = request.header(HEADER);
            String id = isValid(incoming) ? incoming : generate();
            return next.handle(request.withAttribute(KEY, id)).withOnlyHeader(HEADER, id);
        };
    }

    /** Whether an incoming id is acceptable as is. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.:+/=@".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** A random id shaped like a version-4 UUID. */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long hi = random.nextLong() & ~0xF000L | 0x4000L;
        long lo = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48);
        char[] out = new char[36];
        int n = 0;
        for (int i = 60; i >= 0; i -= 4) {
            if (n == 8 || n == 13) {
                out[n++] = '-';
            }
            out[n++] = HEX[(int) (hi >>> i) & 15];
        }
        for (int i = 60; i >= 0; i -= 4) {
            if (n == 18 || n == 23) {
                out[n++] = '-';
            }
            out[n++] = HEX[(int) (lo >>> i) & 15];
        }
        return new String(out);
    }
}
