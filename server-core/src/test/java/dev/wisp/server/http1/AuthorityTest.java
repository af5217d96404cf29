package dev.wisp.server.http1;

import dev.wisp.server.io.Ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wisp.server.HttpProtocolException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code uri-host [ ":" port ]} (RFC 3986 §3.2.2–3.2.3) as the Host field and the authority of an
 * absolute-form target (RFC 9112 §3.2, §3.2.2; RFC 9110 §4.2.4, §7.2). Every case is also run
 * through the request-head parser with the message split at every byte.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AuthorityTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com", "example.com:8080", "EXAMPLE.com:0", "localhost:65535", "h", "h:", "a-b_c~d.e",
        "xn--caf-dma.example", "1.2.3.4", "1.2.3.4:80", "999.1.1.1", "%41b.example", "a!$&'()*+,;=b",
        "[::1]", "[::1]:8080", "[::]", "[::]:", "[2001:db8::1]", "[2001:DB8:0:0:8:800:200C:417A]",
        "[1:2:3:4:5:6:7::]", "[::2:3:4:5:6:7:8]", "[::ffff:192.0.2.128]", "[1:2:3:4:5:6:1.2.3.4]",
        "[v1.x]", "[vF.a:b!]",
    })
    void acceptsValidAuthorities(String authority) throws IOException {
        assertEquals(true, Authority.isValid(authority, 0, authority.length()), authority);
        for (String message : messages(authority)) {
            forEverySplit(message, head -> {
                Authority.checkHostField(head);
                RequestTarget.parse(head.method(), head.target());
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "h:80:80", "h h", "user@h", "user:pw@h", "@h", "h:8o", "h:65536", "h:000001", ":80", ":", "h/x",
        "h?x", "h#x", "h%", "h%4", "h%zz", "h\\x", "h\"", "h<x>", "h{x}", "h|x", "h^x", "h`x",
        "[::1", "::1", "[::1]x", "[::1]:x", "[]", "[:]", "[:::]", "[1::2::3]", "[1:2:3:4:5:6:7:8:9]",
        "[1:2:3:4:5:6:7]", "[1:2:3:4:5:6:7:8::]", "[12345::]", "[g::]", "[::1%25eth0]", "[1:2:3:4:5:6:1.2.3]",
        "[::1.2.3.256]", "[::01.2.3.4]", "[::1.2.3.4:5]", "[1:]", "[:1]", "[v.x]", "[v1.]", "[vx.a]", "[v1x]",
        "[1.2.3.4]", "h]", "[h]",
    })
    void refusesInvalidAuthorities(String authority) throws IOException {
        assertEquals(false, Authority.isValid(authority, 0, authority.length()), authority);
        assertBadRequest(() -> Authority.checkHostField(head("GET / HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")));
        if (authority.indexOf(' ') < 0 && authority.indexOf('/') < 0 && authority.indexOf('?') < 0) {
            // (a '/' or '?' would end the authority of a target and start its path or query)
            String message = "GET http://" + authority + "/p HTTP/1.1\r\nHost: h\r\n\r\n";
            if (isTargetText(authority)) {
                // The parser accepts the characters; the authority check refuses the value.
                forEverySplit(message, head -> assertBadRequest(() -> RequestTarget.parse(head.method(), head.target())));
            } else {
                assertBadRequest(() -> new RequestHeadParser(dev.wisp.server.Limits.defaults()).parse(SplitInputStream.input(message)));
            }
        }
    }

    @Test
    void emptyHostIsAllowedOnlyAsTheWholeValue() throws IOException {
        // RFC 9112 §3.2: a target URI without an authority is sent with an empty Host.
        Authority.checkHostField(head("GET / HTTP/1.1\r\nHost: \r\n\r\n"));
        assertBadRequest(() -> Authority.checkHostField(head("GET / HTTP/1.1\r\nHost: :8080\r\n\r\n")));
        assertBadRequest(() -> RequestTarget.parse("GET", "http://:8080/p"));
    }

    @Test
    void refusesUserinfoInAbsoluteForm() {
        // RFC 9110 §4.2.4: a recipient must treat userinfo in an http(s) URI as an error.
        for (String target : new String[] {"http://user:pw@host/", "http://user@host/p?q", "https://@host/", "http://a@b@host/"}) {
            HttpProtocolException e = assertThrows(HttpProtocolException.class, () -> RequestTarget.parse("GET", target), target);
            assertEquals(400, e.status());
            assertEquals("Absolute-form target with userinfo", e.getMessage());
        }
        // An @ in the path or query is data, not userinfo.
        assertDoesNotThrow("http://host/a@b?c@d");
    }

    @Test
    void countsHostFields() throws IOException {
        assertBadRequest(() -> Authority.checkHostField(head("GET / HTTP/1.1\r\n\r\n")));
        assertBadRequest(() -> Authority.checkHostField(head("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n")));
        assertBadRequest(() -> Authority.checkHostField(head("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n")));
        Authority.checkHostField(head("GET / HTTP/1.0\r\n\r\n"));
    }

    private static void assertDoesNotThrow(String target) {
        try {
            RequestTarget.parse("GET", target);
        } catch (HttpProtocolException e) {
            throw new AssertionError(target + " was refused: " + e.getMessage());
        }
    }

    private static String[] messages(String authority) {
        return new String[] {
            "GET /p HTTP/1.1\r\nHost: " + authority + "\r\n\r\n",
            "GET http://" + authority + "/p?q HTTP/1.1\r\nHost: " + authority + "\r\n\r\n",
            "GET https://" + authority + " HTTP/1.1\r\nHost: other\r\n\r\n",
        };
    }

    private static boolean isTargetText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 127 || !Ascii.isTarget((byte) c)) {
                return false;
            }
        }
        return true;
    }

    private static RequestHead head(String message) throws IOException {
        return new RequestHeadParser(dev.wisp.server.Limits.defaults()).parse(SplitInputStream.input(message));
    }

    interface Check {
        void accept(RequestHead head) throws IOException;
    }

    /** Parses the message whole and split at every byte, and applies the check to each head. */
    private static void forEverySplit(String message, Check check) throws IOException {
        for (int split = 0; split < message.length(); split++) {
            RequestHead head = new RequestHeadParser(dev.wisp.server.Limits.defaults())
                    .parse(split == 0 ? SplitInputStream.input(message) : SplitInputStream.input(message, split));
            check.accept(head);
        }
    }

    private static void assertBadRequest(org.junit.jupiter.api.function.Executable call) {
        assertEquals(400, assertThrows(HttpProtocolException.class, call).status());
    }
}
