package dev.wisp.web.multipart;

import dev.wisp.web.problem.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A part's {@code Content-Disposition} (RFC 7578 §4.2): type {@code form-data}, a required
 * {@code name}, and for a file a {@code filename}, or an RFC 8187 {@code filename*} (RFC 6266
 * §4.3), which wins when both are sent. RFC 7578 tells senders not to use {@code filename*}, but
 * some do, and it is the only unambiguous way to carry a non-ASCII name, so it is read.
 *
 * @param filename {@code null} for a field, as sent (possibly "" or a path) for a file
 */
record ContentDisposition(String name, String filename) {

    static ContentDisposition parse(String value) {
        HeaderParams p = HeaderParams.parse(value, "Content-Disposition");
        if (!p.type().equals("form-data")) {
            throw new BadRequestException("A multipart part's Content-Disposition must be form-data (RFC 7578 §4.2)");
        }
        String name = p.get("name");
        if (name == null) {
            throw new BadRequestException("A multipart part's Content-Disposition has no name (RFC 7578 §4.2)");
        }
        String extended = p.get("filename*");
        String filename = extended != null ? extValue(extended) : p.get("filename");
        return new ContentDisposition(name, filename);
    }

    /**
     * RFC 8187 §3.2.1 ext-value: {@code charset "'" [language] "'" value-chars}, charset UTF-8 or
     * ISO-8859-1, value-chars attr-chars or {@code %XX}; the decoded bytes must be valid.
     */
    static String extValue(String v) {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            throw badExt();
        }
        String charsetName = v.substring(0, q1);
        Charset charset;
        if (charsetName.equalsIgnoreCase("UTF-8")) {
            charset = StandardCharsets.UTF_8;
        } else if (charsetName.equalsIgnoreCase("ISO-8859-1")) {
            charset = StandardCharsets.ISO_8859_1;
        } else {
            throw badExt();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(v.length());
        for (int i = q2 + 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%') {
                int hi = i + 2 < v.length() ? Character.digit(v.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(v.charAt(i + 2), 16);
                if (lo < 0) {
                    throw badExt();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (HeaderParams.isToken(c) && c != '*' && c != '\'' && c != '%') {
                bytes.write(c); // attr-char
            } else {
                throw badExt();
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw badExt();
        }
    }

    private static BadRequestException badExt() {
        return new BadRequestException("A multipart part's filename* is not a valid RFC 8187 value");
    }
}
