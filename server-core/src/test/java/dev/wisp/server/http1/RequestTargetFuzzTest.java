package dev.wisp.server.http1;

import dev.wisp.server.io.Ascii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the request-target split and path decoding ({@link RequestTarget#parse}). The input is
 * {@code METHOD SP target} (method GET when there is no space); the target is first mapped onto the
 * characters the request-line parser lets through (RFC 3986 characters and '%'), since no other
 * target can reach this code, so every input the fuzzer makes is a request it could have sent.
 * Acceptable outcomes: a {@link RequestTarget} that keeps its promises, or {@link HttpProtocolException}.
 * The seed corpus is in {@code src/test/resources/dev/wisp/server/http1/RequestTargetFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestTargetFuzzTest {
    /** What Ascii.isTarget admits, in a fixed order, for mapping other bytes into it. */
    private static final String TARGET_CHARS = targetChars();

    @FuzzTest(maxDuration = "15s")
    @DictionaryFile(resourcePath = "/dev/wisp/server/http1/target.dict")
    void splitsAndDecodesTargetOrRejectsIt(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        String method = space < 0 ? "GET" : text.substring(0, space);
        String target = toTarget(space < 0 ? text : text.substring(space + 1));
        if (target.isEmpty()) {
            return; // the request-line parser never hands over an empty target
        }
        RequestTarget parsed;
        try {
            parsed = RequestTarget.parse(method, target);
        } catch (HttpProtocolException e) {
            assertEquals(400, e.status(), "a bad target is a 400");
            return;
        }
        check(method, target, parsed);
    }

    private static void check(String method, String target, RequestTarget parsed) {
        if (target.equals("*")) {
            assertEquals("OPTIONS", method, "asterisk-form accepted for " + method);
            return;
        }
        assertTrue(parsed.rawPath().startsWith("/"), "raw path without '/': " + parsed.rawPath());
        assertTrue(parsed.path().startsWith("/"), "path without '/': " + parsed.path());
        assertEquals(-1, parsed.path().indexOf('\0'), "NUL in the decoded path");
        assertEquals(-1, parsed.rawPath().indexOf('?'), "'?' left in the raw path");
        if (target.startsWith("/")) {
            assertEquals(target, parsed.rawPath() + (target.indexOf('?') >= 0 ? "?" + parsed.query() : ""));
        } else {
            int authority = target.indexOf("//") + 2;
            int end = authority;
            while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
                end++;
            }
            assertTrue(Authority.isValid(target, authority, end), "accepted an invalid authority in " + target);
            assertEquals(-1, target.substring(authority, end).indexOf('@'), "accepted userinfo in " + target);
            assertTrue(target.endsWith(parsed.rawPath() + (target.indexOf('?') >= 0 ? "?" + parsed.query() : ""))
                    || parsed.rawPath().equals("/"), "absolute-form split lost part of " + target);
        }
        if (parsed.rawPath().indexOf('%') < 0) {
            assertEquals(parsed.rawPath(), parsed.path(), "a path without escapes changed when decoded");
        }
        // Decoding is the inverse of encoding: the decoded path, fully percent-encoded, decodes to itself.
        try {
            assertEquals(parsed.path(), PercentEncoding.decodePath(encodeAll(parsed.path())), "round trip");
        } catch (PercentEncoding.MalformedException e) {
            throw new AssertionError("an accepted path does not survive a round trip: " + parsed.path(), e);
        }
    }

    private static String encodeAll(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
        return sb.toString();
    }

    /** Keeps target characters as they are and maps every other byte onto one. */
    private static String toTarget(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Ascii.isTarget((byte) c) ? c : TARGET_CHARS.charAt(c % TARGET_CHARS.length()));
        }
        return sb.toString();
    }

    private static String targetChars() {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < 128; c++) {
            if (Ascii.isTarget((byte) c)) {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
