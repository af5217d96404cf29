package dev.wisp.web.middleware;

import java.util.Objects;

/**
 * An entity tag (RFC 9110 §8.8.3): an opaque validator of one representation, strong unless
 * {@code weak}. {@link #toString()} is the header value: {@code "7"} or {@code W/"7"}.
 *
 * <pre>{@code
 * ETag tag = ETag.of(todo.version());         // "7": a version number is a natural strong tag
 * return Result.of(200, todo).withHeader("ETag", tag.toString());
 * }</pre>
 *
 * <p>A strong tag must change whenever the bytes of the representation change; a weak one only
 * when its meaning does (§8.8.1). {@code If-Match} compares strongly, so optimistic concurrency needs
 * a strong tag.
 *
 * @param opaque the characters between the quotes: {@code !} and {@code #}…{@code ~} and
 *               {@code 0x80}–{@code 0xFF}; no quote, space or control character
 * @param weak   whether the tag is weak ({@code W/} prefix)
 */
public record ETag(String opaque, boolean weak) {

    public ETag {
        Objects.requireNonNull(opaque, "opaque");
        for (int i = 0; i < opaque.length(); i++) {
            char c = opaque.charAt(i);
            if (c < 0x21 || c == '"' || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("ETag '" + opaque + "' has a character an entity tag cannot carry (RFC 9110 §8.8.3): "
                        + "use printable ASCII without quotes or spaces, e.g. a version number or a hash in hex");
            }
        }
    }

    /** A strong tag for a version number: {@code ETag.of(7)} is {@code "7"}. */
    public static ETag of(long version) {
        return new ETag(Long.toString(version), false);
    }

    public static ETag strong(String opaque) {
        return new ETag(opaque, false);
    }

    public static ETag weak(String opaque) {
        return new ETag(opaque, true);
    }

    /** The header value: {@code "opaque"}, or {@code W/"opaque"} when weak. */
    @Override
    public String toString() {
        return (weak ? "W/\"" : "\"") + opaque + "\"";
    }
}
