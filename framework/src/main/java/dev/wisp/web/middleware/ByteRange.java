package dev.wisp.web.middleware;

/**
 * A single byte range from a {@code Range} header (RFC 9110 §14.1.2), resolved against a
 * representation of known size: {@code start} and {@code end} are inclusive offsets.
 *
 * <p>{@link #parse} returns {@code null} when the header should be ignored and the whole
 * representation sent (a unit other than bytes, a syntax error, or several ranges: a server may
 * ignore {@code Range}, §14.2, and Wisp does not build multipart responses), or
 * {@link #UNSATISFIABLE} when no byte of it exists (→ 416).
 */
record ByteRange(long start, long end) {
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return end - start + 1;
    }

    static ByteRange parse(String header, long size) {
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return null;
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        if (first.isEmpty()) {
            long suffix = number(last);
            if (suffix < 0) {
                return null;
            }
            if (suffix == 0 || size == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long start = number(first);
        long end = last.isEmpty() ? Long.MAX_VALUE : number(last);
        if (start < 0 || end < 0 || end < start) {
            return null;
        }
        if (start >= size) {
            return UNSATISFIABLE;
        }
        return new ByteRange(start, Math.min(end, size - 1));
    }

    /** A non-negative decimal of at most 18 digits (so it can't overflow), else -1. */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
