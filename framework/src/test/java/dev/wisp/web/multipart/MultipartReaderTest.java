package dev.wisp.web.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.ContentTooLargeException;
import dev.wisp.web.problem.HttpException;
import dev.wisp.web.problem.UnsupportedMediaTypeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The multipart reader byte by byte (RFC 7578, RFC 2046 §5.1.1): every valid body is also fed
 * split at every byte and one byte per read, and must give the same parts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MultipartReaderTest {
    private static final String TYPE = "multipart/form-data; boundary=XyZ";
    private static final MultipartLimits LIMITS = MultipartLimits.defaults();

    /** Each part as {@code name|filename|content-type|content (hex when not printable)}. */
    static List<String> parse(byte[] wire, String contentType, MultipartLimits limits, InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (MultipartReader reader = MultipartReader.of(in, contentType, limits)) {
            for (Part p; (p = reader.next()) != null; ) {
                byte[] content = p.bytes();
                out.add(p.name() + "|" + p.filename() + "|" + p.contentType() + "|" + show(content));
            }
            assertNull(reader.next(), "the end is sticky");
        }
        return out;
    }

    private static String show(byte[] b) {
        for (byte x : b) {
            if (x < 0x20 && x != '\r' && x != '\n' || x < 0) {
                return "hex:" + HexFormat.of().formatHex(b);
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    static List<String> parse(String wire) throws IOException {
        return parse(bytes(wire), TYPE, LIMITS, new ByteArrayInputStream(bytes(wire)));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The same parts whole, split at every byte, and one byte per read. */
    static List<String> assertSameAtEverySplit(byte[] wire, String contentType) throws IOException {
        List<String> whole = parse(wire, contentType, LIMITS, new ByteArrayInputStream(wire));
        assertEquals(whole, parse(wire, contentType, LIMITS, new SplitStream(wire, Integer.MAX_VALUE / 2, new int[0])));
        assertEquals(whole, parse(wire, contentType, LIMITS, new SplitStream(wire, 1)), "one byte per read");
        for (int split = 1; split < wire.length; split++) {
            assertEquals(whole, parse(wire, contentType, LIMITS, new SplitStream(wire, Integer.MAX_VALUE / 2, split)),
                    "split at " + split);
        }
        return whole;
    }

    static List<String> assertSameAtEverySplit(String wire) throws IOException {
        return assertSameAtEverySplit(bytes(wire), TYPE);
    }

    static HttpException rejected(String wire) {
        return rejected(wire, TYPE, LIMITS);
    }

    /** The error is the same whole and at every split: it depends on the bytes, not on their arrival. */
    static HttpException rejected(String wire, String contentType, MultipartLimits limits) {
        byte[] b = bytes(wire);
        HttpException e = assertThrows(HttpException.class, () -> parse(b, contentType, limits, new ByteArrayInputStream(b)));
        for (int split = 1; split < b.length; split++) {
            int at = split;
            HttpException again = assertThrows(HttpException.class,
                    () -> parse(b, contentType, limits, new SplitStream(b, Integer.MAX_VALUE / 2, at)));
            assertEquals(e.getMessage(), again.getMessage(), "split at " + split);
        }
        return e;
    }

    @Test
    void readsFieldsAndFiles() throws IOException {
        List<String> parts = assertSameAtEverySplit("""
                --XyZ\r
                Content-Disposition: form-data; name="title"\r
                \r
                Buy milk\r
                --XyZ\r
                Content-Disposition: form-data; name="photo"; filename="cat.png"\r
                Content-Type: image/png\r
                \r
                PNGDATA\r
                --XyZ--\r
                """);
        assertEquals(List.of("title|null|text/plain|Buy milk", "photo|cat.png|image/png|PNGDATA"), parts);
    }

    @Test
    void skipsPreambleAndEpilogue() throws IOException {
        assertEquals(List.of("a|null|text/plain|1"), assertSameAtEverySplit(
                "This is the preamble.\r\n--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ--\r\nepilogue --XyZ\r\n"));
    }

    @Test
    void keepsContentThatAlmostLooksLikeADelimiter() throws IOException {
        // RFC 2046 §5.1.1: only CRLF "--" boundary ends a part; anything less is content.
        String content = "a\r\n--XyA\r\r\n-\r\n--Xy\r\n--X--XyZ\r";
        assertEquals(List.of("f|x|application/octet-stream|" + content), assertSameAtEverySplit(
                "--XyZ\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\n" + content + "\r\n--XyZ--"));
    }

    @Test
    void handlesBoundariesThatOverlapThemselves() throws IOException {
        // KMP's fallback: a delimiter whose prefix repeats, after content with many partial matches.
        String type = "multipart/form-data; boundary=\"--a--a--a\"";
        String content = "\r\n----a--a--\r\n----a--a----a--a-\r\n--\r\n----a--a-";
        byte[] wire = bytes("----a--a--a\r\nContent-Disposition: form-data; name=f\r\n\r\n" + content + "\r\n----a--a--a--");
        assertEquals(List.of("f|null|text/plain|" + content), assertSameAtEverySplit(wire, type));
    }

    @Test
    void carriesEveryByteValue() throws IOException {
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] head = bytes("--XyZ\r\nContent-Disposition: form-data; name=bin; filename=b.bin\r\n\r\n");
        byte[] tail = bytes("\r\n--XyZ--\r\n");
        byte[] wire = new byte[head.length + all.length + tail.length];
        System.arraycopy(head, 0, wire, 0, head.length);
        System.arraycopy(all, 0, wire, head.length, all.length);
        System.arraycopy(tail, 0, wire, head.length + all.length, tail.length);
        assertEquals(List.of("bin|b.bin|application/octet-stream|hex:" + HexFormat.of().formatHex(all)),
                assertSameAtEverySplit(wire, TYPE));
    }

    @Test
    void readsEmptyPartsAndEmptyFilenames() throws IOException {
        assertEquals(List.of("a|null|text/plain|", "f||application/octet-stream|"), assertSameAtEverySplit(
                "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n--XyZ\r\n"
                        + "Content-Disposition: form-data; name=\"f\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--XyZ--"));
    }

    @Test
    void acceptsTransportPaddingAndAQuotedBoundary() throws IOException {
        byte[] wire = bytes("--a b:c \t\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--a b:c--");
        assertEquals(List.of("a|null|text/plain|v"), assertSameAtEverySplit(wire, "Multipart/Form-Data ; boundary=\"a b:c\""));
    }

    @Test
    void readsUtf8FilenamesAndFilenameStar() throws IOException {
        String wire = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"caf\u00c3\u00a9 \u00e2\u0082\u00ac.txt\"\r\n\r\nx\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=g; filename=\"plain.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\ny\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=h; filename=\"C:\\Users\\me\\a.txt\"\r\n\r\nz\r\n--XyZ--";
        List<String> parts = assertSameAtEverySplit(wire);
        assertEquals("f|café €.txt|application/octet-stream|x", parts.get(0));
        assertEquals("g|\u20ac rates.txt|application/octet-stream|y", parts.get(1));
        assertEquals("h|C:\\Users\\me\\a.txt|application/octet-stream|z", parts.get(2));
    }

    @Test
    void skipsUnreadContentAndRefusesToReadAStalePart() throws IOException {
        byte[] wire = bytes("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n" + "x".repeat(20000)
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\nB\r\n--XyZ--");
        try (MultipartReader reader = MultipartReader.of(new SplitStream(wire, 7), TYPE, LIMITS.withMaxFieldBytes(1 << 20))) {
            Part a = reader.next();
            assertEquals('x', a.body().read());
            Part b = reader.next();
            assertEquals("b", b.name());
            assertThrows(IllegalStateException.class, () -> a.body().read());
            assertEquals("B", b.text());
            assertNull(reader.next());
        }
    }

    @Test
    void staysLinearOnAHostileBoundaryAndBody() throws IOException {
        // A boundary of 69 'a' and a 'b', content of near-misses: quadratic for naive or Horspool
        // search, one pass for KMP. The @Timeout bounds it; no timing is asserted.
        String boundary = "a".repeat(69) + "b";
        String nearMiss = "\r\n--" + "a".repeat(69) + "a";
        String content = nearMiss.repeat(20000);
        byte[] wire = bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\n" + content
                + "\r\n--" + boundary + "--");
        try (MultipartReader reader = MultipartReader.of(new ByteArrayInputStream(wire),
                "multipart/form-data; boundary=" + boundary, LIMITS)) {
            assertEquals(content.length(), reader.next().bytes().length);
            assertNull(reader.next());
        }
    }

    // ---- the media type and its boundary

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/mixed; boundary=XyZ", "multipart/form-dataX"})
    void refusesOtherMediaTypesWith415(String type) {
        assertThrows(UnsupportedMediaTypeException.class, () -> MultipartReader.of(InputStream.nullInputStream(), type, LIMITS));
        assertThrows(UnsupportedMediaTypeException.class, () -> MultipartReader.of(InputStream.nullInputStream(), null, LIMITS));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"",
        "multipart/form-data; boundary=\"trailing \"",
        "multipart/form-data; boundary=\"has@at\"",
        "multipart/form-data; boundary=\"caf\u00e9\"",
        "multipart/form-data; boundary=abc; boundary=abc",
        "multipart/form-data; boundary=\"unterminated",
        "multipart/form-data; boundary=a b",
        "multipart/form-data; boundary=71xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    })
    void refusesAMissingOrInvalidBoundaryWith400(String type) {
        HttpException e = assertThrows(BadRequestException.class, () -> MultipartReader.of(InputStream.nullInputStream(), type, LIMITS));
        assertEquals(400, e.status());
    }

    @Test
    void acceptsA70CharacterBoundary() throws IOException {
        String b = "0123456789'()+_,-./:=?".repeat(4).substring(0, 70);
        byte[] wire = bytes("--" + b + "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" + b + "--");
        assertEquals(List.of("a|null|text/plain|1"), parse(wire, "multipart/form-data; boundary=\"" + b + "\"", LIMITS, new ByteArrayInputStream(wire)));
    }

    // ---- malformed bodies

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                                                             // nothing at all
        "--XyZ",                                                                        // ends after the delimiter
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n",                          // ends in the headers
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue",                 // ends in the content
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue\r\n--XyZ",        // no closing delimiter
        "no boundary anywhere\r\n--Xy",                                                 // never a whole delimiter
    })
    void refusesTruncatedBodiesWith400(String wire) {
        assertEquals("The multipart body ended before its closing delimiter", rejected(wire).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Content-Disposition: form-data; name=a\n",                 // bare LF
        "Content-Disposition: form-data; name=a\rX",                // bare CR
        "Content-Disposition : form-data; name=a\r\n",              // space before the colon
        "Content-Disposition: form-data;\r\n name=a\r\n",           // obs-fold
        "X-Other: 1\r\n",                                           // no Content-Disposition
        "Content-Disposition: attachment; name=a\r\n",              // not form-data
        "Content-Disposition: form-data; filename=a\r\n",           // no name
        "Content-Disposition: form-data; name=a; name=b\r\n",       // repeated parameter
        "Content-Disposition: form-data; name=\"a\r\n",             // unterminated quote
        "Content-Disposition: form-data; name=a;\r\n",              // empty parameter
        "Content-Disposition: form-data; name=a x\r\n",             // junk after a value
        "Content-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b\r\n",
        "Content-Disposition: form-data; name=a\r\nContent-Type: a/b\r\nContent-Type: c/d\r\n",
        "Content-Disposition: form-data; name=a\u0001\r\n",         // control character
        "Content-Disposition: form-data; name=\"\u00ff\"\r\n",      // not UTF-8
        "Content-Disposition: form-data; name=a; filename*=UTF-8''%ZZ\r\n",
        "Content-Disposition: form-data; name=a; filename*=KOI8-R''x\r\n",
        "Content-Disposition: form-data; name=a; filename*=UTF-8''%C3\r\n",
        ": no name\r\n",
        "Content-Disposition: form-data; name=a\r\nContent-Type: ;\r\n",
    })
    void refusesBadPartHeadersWith400(String headers) {
        String wire = "--XyZ\r\n" + headers + "\r\nv\r\n--XyZ--";
        HttpException e = rejected(wire);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("A multipart"), e.getMessage());
    }

    @Test
    void refusesJunkAfterADelimiterWith400() {
        assertEquals(400, rejected("--XyZ-x\r\n").status());
        assertEquals(400, rejected("--XyZW\r\n").status()); // a longer boundary is not a delimiter of ours
        assertEquals(400, rejected("--XyZ x\r\n").status());
        assertEquals(400, rejected("--XyZ\rContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--").status());
    }

    // ---- limits: 413 naming the limit

    @Test
    void limitsTheNumberOfParts() {
        String part = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n";
        ContentTooLargeException e = (ContentTooLargeException) rejected(part.repeat(4) + "--XyZ--", TYPE, LIMITS.withMaxParts(3));
        assertEquals(413, e.status());
        assertEquals("maxParts", e.limitName());
        assertEquals(3, e.limit());
        assertEquals(3L, e.toProblem().extensions().get("maxParts"));
    }

    @Test
    void limitsFieldsAndFilesSeparately() throws IOException {
        String field = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n" + "x".repeat(11) + "\r\n--XyZ--";
        String file = "--XyZ\r\nContent-Disposition: form-data; name=f; filename=f\r\n\r\n" + "x".repeat(21) + "\r\n--XyZ--";
        MultipartLimits limits = LIMITS.withMaxFieldBytes(10).withMaxFileBytes(20);
        ContentTooLargeException e = (ContentTooLargeException) rejected(field, TYPE, limits);
        assertEquals("maxFieldBytes", e.limitName());
        assertEquals("The field 'a' is larger than 10 bytes", e.getMessage());
        e = (ContentTooLargeException) rejected(file, TYPE, limits);
        assertEquals("maxFileBytes", e.limitName());
        assertEquals(20, e.limit());
        // Exactly at the limit is fine, read or skipped.
        String atLimit = "--XyZ\r\nContent-Disposition: form-data; name=f; filename=f\r\n\r\n" + "x".repeat(20) + "\r\n--XyZ--";
        assertEquals(1, parse(bytes(atLimit), TYPE, limits, new ByteArrayInputStream(bytes(atLimit))).size());
        // Skipping a part is held to its limit too.
        byte[] over = bytes(file);
        try (MultipartReader reader = MultipartReader.of(new ByteArrayInputStream(over), TYPE, limits)) {
            reader.next();
            assertThrows(ContentTooLargeException.class, reader::next);
        }
    }

    @Test
    void limitsPartHeaderBytes() {
        String wire = "--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-Pad: " + "p".repeat(100) + "\r\n\r\nv\r\n--XyZ--";
        ContentTooLargeException e = (ContentTooLargeException) rejected(wire, TYPE, LIMITS.withMaxPartHeaderBytes(100));
        assertEquals("maxPartHeaderBytes", e.limitName());
        String many = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n" + "X: 1\r\n".repeat(40) + "\r\nv\r\n--XyZ--";
        assertEquals(400, rejected(many).status());
    }

    @Test
    void passesTheBodysOwnErrorsThrough() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("from the body");
            }
        };
        IOException e = assertThrows(IOException.class, () -> MultipartReader.of(failing, TYPE, LIMITS).next());
        assertEquals("from the body", e.getMessage());
        assertFalse(((Object) e) instanceof HttpException);
    }
}
