package dev.wisp.web.problem;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * A tiny JSON writer for problem documents. Error rendering must not depend on the user's mapper
 * configuration (or fail because of it), and the shapes involved are few: strings, numbers,
 * booleans, null, lists and maps.
 */
final class ProblemJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final StringBuilder out = new StringBuilder(128);
    private boolean first = true;

    void beginObject() {
        out.append('{');
        first = true;
    }

    void endObject() {
        out.append('}');
        first = false;
    }

    void member(String name, Object value) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(name);
        out.append(':');
        value(value);
        first = false;
    }

    private void value(Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s);
            case Boolean b -> out.append(b.booleanValue());
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(l.longValue());
            case Short s -> out.append(s.shortValue());
            case Byte b -> out.append(b.byteValue());
            case Number n -> {
                double d = n.doubleValue();
                // JSON has no NaN or Infinity (RFC 8259 §6).
                if (Double.isFinite(d)) {
                    out.append(n);
                } else {
                    out.append("null");
                }
            }
            case Map<?, ?> map -> {
                out.append('{');
                first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    member(String.valueOf(e.getKey()), e.getValue());
                }
                out.append('}');
            }
            case Collection<?> list -> {
                out.append('[');
                boolean firstItem = true;
                for (Object item : list) {
                    if (!firstItem) {
                        out.append(',');
                    }
                    firstItem = false;
                    value(item);
                }
                out.append(']');
            }
            default -> string(value.toString());
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Controls must be escaped (RFC 8259 §7); U+2028/9 too, for JavaScript embedders.
                    // A lone surrogate would make invalid UTF-8, so it is escaped as well.
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || (Character.isSurrogate(c) && !validPair(s, i))) {
                        out.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                    } else {
                        out.append(c);
                        if (Character.isHighSurrogate(c)) {
                            out.append(s.charAt(++i));
                        }
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
