package dev.wisp.web.multipart;

import dev.wisp.server.Headers;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.ContentTooLargeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A part's header section (RFC 7578 §4.8, RFC 2046 §5.1.1 with RFC 9112 §5 field syntax): lines
 * ending in CRLF (a bare CR or LF is a 400), {@code token ":" OWS value OWS}, no whitespace before
 * the colon, no obs-fold, no control characters but HTAB in values. Values are kept as
 * ISO-8859-1 text like the server's request headers; {@code Content-Disposition} must be UTF-8,
 * as browsers send non-ASCII names (RFC 7578 §5.1.3), and is decoded as such. Exactly one {@code Content-Disposition}, at most one
 * {@code Content-Type}. The whole section, CRLFs included, is held to
 * {@code maxPartHeaderBytes} (413) and to {@value #MAX_LINES} lines (400).
 */
final class PartHeaderParser {
    static final int MAX_LINES = 32;

    private PartHeaderParser() {
    }

    static Part parse(MultipartReader reader, MultipartLimits limits) throws IOException {
        int max = limits.maxPartHeaderBytes();
        byte[] line = new byte[Math.min(max, 256)];
        int total = 0;
        Headers headers = Headers.empty();
        for (int lines = 0; ; lines++) {
            int len = 0;
            while (true) {
                int c = reader.nextByte();
                if (++total > max) {
                    throw new ContentTooLargeException("maxPartHeaderBytes", max,
                            "A multipart part's headers are longer than " + max + " bytes");
                }
                if (c == '\r') {
                    if (reader.nextByte() != '\n') {
                        throw bad("a CR not followed by LF");
                    }
                    total++;
                    break;
                }
                if (c == '\n') {
                    throw bad("a line ending in a bare LF");
                }
                if (len == line.length) {
                    line = Arrays.copyOf(line, Math.min(max, line.length * 2));
                }
                line[len++] = (byte) c;
            }
            if (len == 0) {
                break;
            }
            if (lines == MAX_LINES) {
                throw bad("more than " + MAX_LINES + " header lines");
            }
            headers = field(line, len, headers);
        }
        int dispositions = headers.count("Content-Disposition");
        if (dispositions != 1) {
            throw bad(dispositions == 0 ? "no Content-Disposition (RFC 7578 §4.2)" : "more than one Content-Disposition");
        }
        if (headers.count("Content-Type") > 1) {
            throw bad("more than one Content-Type");
        }
        ContentDisposition cd = ContentDisposition.parse(utf8(headers.get("Content-Disposition")));
        String type = headers.get("Content-Type");
        if (type != null) {
            HeaderParams.parse(type, "Content-Type"); // syntax only; the value is passed on as sent
        }
        return new Part(reader, headers, cd.name(), cd.filename(), type);
    }

    private static Headers field(byte[] line, int len, Headers headers) {
        int colon = 0;
        while (colon < len && line[colon] != ':') {
            if (line[colon] < 0 || !HeaderParams.isToken((char) line[colon])) {
                // Covers obs-fold (a leading space) and whitespace before the colon (RFC 9112 §5.1).
                throw bad("a header line that is not 'name: value'");
            }
            colon++;
        }
        if (colon == 0 || colon == len) {
            throw bad("a header line that is not 'name: value'");
        }
        int from = colon + 1;
        int to = len;
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            int c = line[i] & 0xff;
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw bad("a control character in a header value");
            }
        }
        // Kept as ISO-8859-1 text, one char per byte, as the server keeps request headers;
        // Content-Disposition is decoded as UTF-8 when parsed.
        return headers.with(new String(line, 0, colon, StandardCharsets.US_ASCII),
                new String(line, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** A header value kept as ISO-8859-1 text, decoded as the UTF-8 browsers send (RFC 7578 §5.1.3). */
    static String utf8(String latin1) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw bad("a Content-Disposition that is not UTF-8");
        }
    }

    private static BadRequestException bad(String what) {
        return new BadRequestException("A multipart part has " + what);
    }
}
