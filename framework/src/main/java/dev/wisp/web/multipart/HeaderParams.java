package dev.wisp.web.multipart;

import dev.wisp.web.problem.BadRequestException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A header value of the shape {@code type *( OWS ";" OWS name "=" value )} with values as tokens
 * or quoted strings (RFC 9110 §5.6.6, §8.3.1; RFC 6266 §4.1), parsed strictly: no empty
 * parameters, no repeated names (RFC 6266 §4.1 / RFC 2231), nothing after a value but OWS and the
 * next {@code ;}. Any violation is a {@link BadRequestException} saying which header is wrong.
 *
 * <p>In quoted strings a backslash escapes only {@code "} and {@code \} and is kept elsewhere:
 * some clients send Windows paths ({@code C:\Users\a.txt}) in {@code filename} unescaped.
 *
 * @param type  the part before the first {@code ;}, lower-cased
 * @param pairs lower-cased names and their values: name0, value0, name1, value1 …
 */
record HeaderParams(String type, String[] pairs) {

    /** The value of parameter {@code name} (lower case), or {@code null}. */
    String get(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    static HeaderParams parse(String value, String header) {
        int n = value.length();
        int i = skipOws(value, 0);
        int start = i;
        while (i < n && (isToken(value.charAt(i)) || value.charAt(i) == '/')) {
            i++;
        }
        if (i == start) {
            throw bad(header);
        }
        String type = value.substring(start, i).toLowerCase(Locale.ROOT);
        String[] pairs = new String[0];
        i = skipOws(value, i);
        while (i < n) {
            if (value.charAt(i) != ';') {
                throw bad(header);
            }
            i = skipOws(value, i + 1);
            start = i;
            while (i < n && isToken(value.charAt(i))) {
                i++;
            }
            if (i == start || i >= n || value.charAt(i) != '=') {
                throw bad(header);
            }
            String name = value.substring(start, i).toLowerCase(Locale.ROOT);
            i++;
            String v;
            if (i < n && value.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw bad(header); // unterminated quoted string
                    }
                    char c = value.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && i < n && (value.charAt(i) == '"' || value.charAt(i) == '\\')) {
                        c = value.charAt(i++);
                    }
                    sb.append(c);
                }
                v = sb.toString();
            } else {
                start = i;
                while (i < n && isToken(value.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    throw bad(header);
                }
                v = value.substring(start, i);
            }
            for (int k = 0; k < pairs.length; k += 2) {
                if (pairs[k].equals(name)) {
                    throw new BadRequestException("A multipart " + header + " header repeats the parameter '" + name + "'");
                }
            }
            pairs = Arrays.copyOf(pairs, pairs.length + 2);
            pairs[pairs.length - 2] = name;
            pairs[pairs.length - 1] = v;
            i = skipOws(value, i);
        }
        return new HeaderParams(type, pairs);
    }

    /** tchar (RFC 9110 §5.6.2). */
    static boolean isToken(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return c < 128 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static int skipOws(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static BadRequestException bad(String header) {
        return new BadRequestException("A multipart " + header + " header is malformed");
    }
}
