package dev.wisp.server;

import dev.wisp.server.io.Ascii;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A media type as in {@code Content-Type} (RFC 9110 §8.3.1): {@code type "/" subtype} and
 * parameters. The one media-type parser of the server and the framework.
 *
 * <pre>
 *   media-type = type "/" subtype parameters
 *   parameters = *( OWS ";" OWS [ parameter ] )
 *   parameter  = parameter-name "=" ( token / quoted-string )
 * </pre>
 *
 * <p>{@link #parse} is strict and reads the text once, character by character: type, subtype
 * and parameter names must be tokens (RFC 9110 §5.6.2), a value is a token or a quoted-string
 * with its quoted-pairs undone (§5.6.4); anything else — a missing subtype, a parameter without
 * {@code =}, an unclosed quote, a control character — makes the whole value invalid, and
 * {@code parse} returns empty. Leading and trailing whitespace is ignored, as are empty
 * parameters ({@code text/plain;;a=b}, which the grammar allows). Type, subtype and parameter
 * names are case-insensitive and kept in lower case; parameter values are kept as sent (a
 * {@code charset} value is compared case-insensitively anyway).
 *
 * <p>Immutable and thread-safe.
 */
public final class MediaType {
    private final String type;
    private final String subtype;
    private final String[] parameters; // name0, value0, name1, value1, ...

    private MediaType(String type, String subtype, String[] parameters) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = parameters;
    }

    /** Parses a {@code Content-Type} value; empty when it is {@code null} or not a valid media type. */
    public static Optional<MediaType> parse(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(new Parser(value).mediaType());
    }

    /** The top-level type in lower case: {@code text} in {@code text/html}. */
    public String type() {
        return type;
    }

    /** The subtype in lower case: {@code html} in {@code text/html}, {@code problem+json} in {@code application/problem+json}. */
    public String subtype() {
        return subtype;
    }

    /** {@code type/subtype}, lower case, without parameters: what to compare against. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** Whether this is {@code type/subtype} (case-insensitive), whatever its parameters. */
    public boolean is(String essence) {
        int slash = essence.indexOf('/');
        return slash == type.length() && essence.regionMatches(true, 0, type, 0, slash)
                && essence.length() - slash - 1 == subtype.length()
                && essence.regionMatches(true, slash + 1, subtype, 0, subtype.length());
    }

    /**
     * The structured syntax suffix of the subtype (RFC 6838 §4.2.8), lower case: {@code json} for
     * {@code application/problem+json}; empty when there is none.
     */
    public String suffix() {
        int plus = subtype.lastIndexOf('+');
        return plus < 0 || plus == 0 ? "" : subtype.substring(plus + 1);
    }

    /** The value of parameter {@code name} (case-insensitive), unquoted; the first when repeated. */
    public Optional<String> parameter(String name) {
        for (int i = 0; i < parameters.length; i += 2) {
            if (parameters[i].equalsIgnoreCase(name)) {
                return Optional.of(parameters[i + 1]);
            }
        }
        return Optional.empty();
    }

    /** The {@code charset} parameter's value, as sent; empty when there is none. */
    public Optional<String> charsetName() {
        return parameter("charset");
    }

    /**
     * The charset the {@code charset} parameter names, or {@code fallback} when there is none or
     * this JVM does not know the name (an unknown charset is the sender's mistake, not a reason to
     * fail: RFC 9110 §8.3.1 leaves the choice to the recipient).
     */
    public Charset charset(Charset fallback) {
        String name = charsetName().orElse(null);
        if (name == null) {
            return fallback;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return fallback;
        }
    }

    /** The canonical text: {@code type/subtype;name=value}, values quoted where they must be. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(essence());
        for (int i = 0; i < parameters.length; i += 2) {
            sb.append(';').append(parameters[i]).append('=');
            String v = parameters[i + 1];
            if (isToken(v)) {
                sb.append(v);
            } else {
                sb.append('"');
                for (int k = 0; k < v.length(); k++) {
                    char c = v.charAt(k);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaType m && type.equals(m.type) && subtype.equals(m.subtype)
                && Arrays.equals(parameters, m.parameters);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + subtype.hashCode()) * 31 + Arrays.hashCode(parameters);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff || !Ascii.isToken((byte) c)) {
                return false;
            }
        }
        return true;
    }

    /** One pass over the text; {@link #mediaType()} returns null at the first invalid character. */
    private static final class Parser {
        private final String s;
        private final int end;
        private int i;

        Parser(String s) {
            this.s = s;
            int e = s.length();
            while (e > 0 && isOws(s.charAt(e - 1))) {
                e--;
            }
            this.end = e;
            skipOws();
        }

        MediaType mediaType() {
            String type = token();
            if (type == null || i == end || s.charAt(i) != '/') {
                return null;
            }
            i++;
            String subtype = token();
            if (subtype == null) {
                return null;
            }
            String[] params = new String[0];
            int n = 0;
            while (true) {
                skipOws();
                if (i == end) {
                    break;
                }
                if (s.charAt(i) != ';') {
                    return null;
                }
                i++;
                skipOws();
                if (i == end || s.charAt(i) == ';') {
                    continue; // an empty parameter
                }
                String name = token();
                if (name == null || i == end || s.charAt(i) != '=') {
                    return null;
                }
                i++;
                String value = i < end && s.charAt(i) == '"' ? quotedString() : tokenAsSent();
                if (value == null) {
                    return null;
                }
                if (n == params.length) {
                    params = Arrays.copyOf(params, Math.max(4, 2 * params.length));
                }
                params[n++] = name;
                params[n++] = value;
            }
            return new MediaType(type, subtype, n == params.length ? params : Arrays.copyOf(params, n));
        }

        /** A token, lower-cased; null when none starts here. */
        private String token() {
            String t = tokenAsSent();
            return t == null ? null : t.toLowerCase(Locale.ROOT);
        }

        private String tokenAsSent() {
            int start = i;
            while (i < end && s.charAt(i) <= 0xff && Ascii.isToken((byte) s.charAt(i))) {
                i++;
            }
            return i == start ? null : s.substring(start, i);
        }

        /** A quoted-string (RFC 9110 §5.6.4) with quoted-pairs undone; null when malformed. */
        private String quotedString() {
            StringBuilder sb = new StringBuilder();
            i++; // the opening quote
            while (i < end) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (i == end || !isQuotable(s.charAt(i))) {
                        return null;
                    }
                    c = s.charAt(i++);
                } else if (!isQdtext(c)) {
                    return null;
                }
                sb.append(c);
            }
            return null; // no closing quote
        }

        private void skipOws() {
            while (i < end && isOws(s.charAt(i))) {
                i++;
            }
        }

        private static boolean isOws(char c) {
            return c == ' ' || c == '\t';
        }

        /** qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text */
        private static boolean isQdtext(char c) {
            return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e)
                    || (c >= 0x80 && c <= 0xff);
        }

        /** quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ) */
        private static boolean isQuotable(char c) {
            return c == '\t' || (c >= 0x20 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
        }
    }
}
