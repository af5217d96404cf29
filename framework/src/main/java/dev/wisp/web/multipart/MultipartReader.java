package dev.wisp.web.multipart;

import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.ContentTooLargeException;
import dev.wisp.web.problem.UnsupportedMediaTypeException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A streaming {@code multipart/form-data} reader (RFC 7578, framed per RFC 2046 §5.1.1): parts
 * are handed out as they arrive and their bodies stream from the request, so the body is never
 * in memory as a whole.
 * <pre>{@code
 * try (MultipartReader parts = MultipartReader.of(body, contentType, MultipartLimits.defaults())) {
 *     for (Part part; (part = parts.next()) != null; ) {
 *         if (part.isFile()) store(part.safeFilename(), part.body()); else fields.put(part.name(), part.text());
 *     }
 * }
 * }</pre>
 *
 * <p><b>How.</b> The body is read through one 8 KiB buffer and searched for the delimiter
 * {@code CRLF--boundary} with Knuth–Morris–Pratt: every byte is examined once, whatever the
 * boundary or the content (a Horspool-style skip search is faster on average but can be made
 * quadratic by a hostile boundary and body). Bytes that might begin a delimiter stay in the
 * buffer until it is decided; all others are handed to the part's reader. The body is read as if
 * preceded by CRLF, so the first delimiter needs no special case; the preamble and epilogue are
 * skipped.
 *
 * <p><b>Errors.</b> A missing or invalid boundary (RFC 2046 §5.1.1: 1–70 of its bchars, not
 * ending in a space), a body that ends before the closing delimiter, bad part headers (not CRLF,
 * not {@code name: value}, no or a malformed {@code Content-Disposition}) are
 * {@link BadRequestException} (400); another media type is {@link UnsupportedMediaTypeException}
 * (415); each of {@link MultipartLimits} passed is a {@link ContentTooLargeException} (413) naming
 * it. An {@link IOException} from the body (the server's 413, a client gone) passes through.
 *
 * <p><b>Lifetime.</b> One thread. A {@link Part} is valid until the next {@link #next()};
 * {@link #close()} deletes every file spooled through this reader that was not moved away (the
 * framework calls it when the response is done, possibly from a cleaner thread). Reading is for
 * one thread.
 */
public final class MultipartReader implements Closeable {
    private static final int BUFFER_BYTES = 8192;
    private static final int MAX_PADDING = 256;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final InputStream in;
    private final MultipartLimits limits;
    private final byte[] delimiter;
    private final int[] fallback;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private final List<UploadedFile> spooled = new ArrayList<>();
    private int pos;        // next unread byte
    private int lim;        // end of the bytes in buf
    private int scan;       // bytes before this were examined by the search
    private int matched;    // how many delimiter bytes end at scan (held back from the part)
    private boolean atDelimiter; // the search found a whole delimiter ending at scan
    private boolean done;
    private int parts;
    private Part current;

    private MultipartReader(InputStream in, byte[] boundary, MultipartLimits limits) {
        this.in = in;
        this.limits = limits;
        delimiter = new byte[boundary.length + 4];
        delimiter[0] = CR;
        delimiter[1] = LF;
        delimiter[2] = '-';
        delimiter[3] = '-';
        System.arraycopy(boundary, 0, delimiter, 4, boundary.length);
        fallback = failureFunction(delimiter);
        // The body is read as if it began with CRLF: then "--boundary" at its very start is a
        // delimiter like any other (RFC 2046 §5.1.1 lets the first one begin the body).
        buf[0] = CR;
        buf[1] = LF;
        lim = 2;
    }

    /**
     * A reader for {@code body} sent with {@code contentType}: 415 unless it is
     * {@code multipart/form-data}, 400 unless it has a valid {@code boundary}.
     */
    public static MultipartReader of(InputStream body, String contentType, MultipartLimits limits) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(limits, "limits");
        if (contentType == null) {
            throw notMultipart();
        }
        HeaderParams type;
        try {
            type = HeaderParams.parse(contentType, "Content-Type");
        } catch (BadRequestException e) {
            throw isMultipartFormData(contentType) ? e : notMultipart();
        }
        if (!type.type().equals("multipart/form-data")) {
            throw notMultipart();
        }
        return new MultipartReader(body, boundary(type.get("boundary")), limits);
    }

    /** Whether {@code contentType} names {@code multipart/form-data}, parameters aside. */
    public static boolean isMultipartFormData(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().equalsIgnoreCase("multipart/form-data");
    }

    /**
     * The next part, or {@code null} after the closing delimiter. Whatever the previous part's
     * reader left unread is skipped (and still held to its limit).
     */
    public Part next() throws IOException {
        if (done) {
            return null;
        }
        if (current != null) {
            current.finish();
            current = null;
        } else if (!atDelimiter) {
            skipSection(); // the preamble
        }
        atDelimiter = false;
        int c = nextByte();
        if (c == '-') {
            if (nextByte() != '-') {
                throw new BadRequestException("A multipart delimiter is followed by neither CRLF nor '--'");
            }
            done = true;
            skipEpilogue();
            return null;
        }
        // transport-padding (RFC 2046 §5.1.1): senders may put linear white space before the CRLF.
        for (int padding = 0; c == ' ' || c == '\t'; padding++) {
            if (padding == MAX_PADDING) {
                throw new BadRequestException("A multipart delimiter line is too long");
            }
            c = nextByte();
        }
        if (c != CR || nextByte() != LF) {
            throw new BadRequestException("A multipart delimiter is followed by neither CRLF nor '--'");
        }
        if (++parts > limits.maxParts()) {
            throw new ContentTooLargeException("maxParts", limits.maxParts(),
                    "The multipart body has more than " + limits.maxParts() + " parts");
        }
        current = PartHeaderParser.parse(this, limits);
        scan = pos;
        matched = 0;
        return current;
    }

    /** The limits this reader enforces. */
    public MultipartLimits limits() {
        return limits;
    }

    /** Deletes the files spooled through this reader that were not moved; idempotent. */
    @Override
    public synchronized void close() {
        for (UploadedFile file : spooled) {
            file.delete();
        }
        spooled.clear();
    }

    synchronized void registerSpooled(UploadedFile file) {
        spooled.add(file);
    }

    /**
     * Reads bytes of the current section (a part's content) up to the next delimiter: the count
     * read, or -1 at the delimiter, which is then consumed.
     */
    int readSection(byte[] b, int off, int len) throws IOException {
        while (true) {
            int dataEnd = scan - matched;
            if (pos < dataEnd) {
                int n = Math.min(len, dataEnd - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
            if (atDelimiter) {
                pos = scan;
                return -1;
            }
            if (scan == lim) {
                fill();
            }
            search();
        }
    }

    /** KMP from {@code scan} to {@code lim}, resuming with {@code matched} bytes already matched. */
    private void search() {
        byte[] d = delimiter;
        int q = matched;
        int i = scan;
        while (i < lim) {
            if (q == 0) {
                // Nothing pending: skip straight to the next CR, the delimiter's first byte.
                while (i < lim && buf[i] != CR) {
                    i++;
                }
                if (i == lim) {
                    break;
                }
            }
            byte c = buf[i];
            while (q > 0 && d[q] != c) {
                q = fallback[q - 1];
            }
            if (d[q] == c) {
                q++;
            }
            i++;
            if (q == d.length) {
                atDelimiter = true;
                break;
            }
        }
        scan = i;
        matched = q;
    }

    private void skipSection() throws IOException {
        byte[] scratch = new byte[BUFFER_BYTES];
        while (readSection(scratch, 0, scratch.length) >= 0) {
            // discard
        }
    }

    private void skipEpilogue() throws IOException {
        // Read to the end so the connection can carry another request; bounded by the body limit.
        pos = lim;
        while (in.read(buf, 0, buf.length) >= 0) {
            // RFC 2046 §5.1.1: the epilogue is to be ignored.
        }
    }

    /** One byte outside part content (delimiter suffixes, part headers); EOF is a truncated body. */
    int nextByte() throws IOException {
        if (pos == lim) {
            scan = pos;
            matched = 0;
            fill();
        }
        return buf[pos++] & 0xff;
    }

    /** Keeps the undecided bytes, moved to the front, and reads more after them. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            scan -= pos;
            lim -= pos;
            pos = 0;
        }
        int n;
        do {
            n = in.read(buf, lim, buf.length - lim);
        } while (n == 0);
        if (n < 0) {
            throw new BadRequestException("The multipart body ended before its closing delimiter");
        }
        lim += n;
    }

    /** RFC 2046 §5.1.1: boundary := 0*69&lt;bchars&gt; bcharsnospace, bchars digits, letters and '()+_,-./:=? and space. */
    static byte[] boundary(String value) {
        if (value == null) {
            throw new BadRequestException("The multipart/form-data Content-Type has no boundary parameter");
        }
        int n = value.length();
        if (n < 1 || n > 70 || value.charAt(n - 1) == ' ') {
            throw new BadRequestException("The multipart boundary must be 1 to 70 characters, not ending in a space (RFC 2046 §5.1.1)");
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!ok) {
                throw new BadRequestException("The multipart boundary has a character RFC 2046 §5.1.1 does not allow");
            }
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /** fallback[k]: the longest proper prefix of d[0..k] that is also its suffix. */
    private static int[] failureFunction(byte[] d) {
        int[] f = new int[d.length];
        int k = 0;
        for (int i = 1; i < d.length; i++) {
            while (k > 0 && d[i] != d[k]) {
                k = f[k - 1];
            }
            if (d[i] == d[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }

    private static UnsupportedMediaTypeException notMultipart() {
        return new UnsupportedMediaTypeException("This endpoint reads an upload: send the body as multipart/form-data");
    }
}
