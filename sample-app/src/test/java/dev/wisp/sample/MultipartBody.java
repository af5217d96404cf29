package dev.wisp.sample;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body built byte by byte (RFC 7578, RFC 2046 §5.1.1), so tests
 * control every header, name and boundary instead of trusting a client library's encoder.
 */
final class MultipartBody {
    static final String BOUNDARY = "wisp-test-boundary-7MA4YWxkTrZu0gW";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A file part: {@code Content-Disposition: form-data; name="…"; filename="…"} and its type. */
    MultipartBody file(String name, String filename, String contentType, byte[] content) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n", content);
    }

    /** A field part. */
    MultipartBody field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", value.getBytes(StandardCharsets.UTF_8));
    }

    /** A part with these header lines (each ending in CRLF, UTF-8). */
    MultipartBody part(String headerLines, byte[] content) {
        write("--" + BOUNDARY + "\r\n" + headerLines + "\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** The body with its closing delimiter. */
    byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream(out.size() + 64);
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    /** The body so far, without its closing delimiter: a truncated upload. */
    byte[] truncated() {
        return out.toByteArray();
    }

    private void write(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
