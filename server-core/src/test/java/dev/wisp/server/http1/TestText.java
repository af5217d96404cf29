package dev.wisp.server.http1;

/** Escapes in test tables: \r, \n, \t and \\uXXXX. */
public final class TestText {
    private TestText() {
    }

    public static String unescape(String s) {
        return RequestHeadParserTest.unescape(s.strip());
    }
}
