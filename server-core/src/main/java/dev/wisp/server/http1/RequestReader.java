package dev.wisp.server.http1;

import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Limits;
import dev.wisp.server.io.HttpInput;
import java.io.IOException;

/**
 * The first stage of serving an HTTP/1.1 request: from the bytes of its head to a checked head,
 * its target, its framing and its body stream (RFC 9112 §3, §6; RFC 9110 §7.2, §10.1.1). What can't
 * be served is thrown as an {@link HttpProtocolException} before any handler sees it.
 */
final class RequestReader {
    /** A request ready to be served; {@code body} ends exactly where the message does. */
    record Incoming(RequestHead head, RequestTarget target, Framing framing, BodyInputStream body,
                    boolean expectContinue) {
    }

    private final Limits limits;
    private final RequestHeadParser parser;

    RequestReader(Limits limits) {
        this.limits = limits;
        this.parser = new RequestHeadParser(limits);
    }

    /**
     * Reads the next request head from {@code in}; null at end of input before one starts. Throws
     * {@link HttpProtocolException} for a request that can't be served and
     * {@link java.net.SocketTimeoutException} past the head deadline.
     */
    Incoming read(HttpInput in) throws IOException {
        RequestHead head = parser.parse(in);
        if (head == null) {
            return null;
        }
        Authority.checkHostField(head); // RFC 9112 §3.2: one valid Host on HTTP/1.1
        if (head.method().equals("CONNECT")) {
            throw new HttpProtocolException(501, "CONNECT is not supported", true);
        }
        RequestTarget target = RequestTarget.parse(head.method(), head.target());
        Framing framing = Framing.of(head);
        boolean expectContinue = expectsContinue(head, framing);
        BodyInputStream body = framing == Framing.NONE ? BodyInputStream.empty()
                : framing.chunked() ? new ChunkedInputStream(in, limits.maxBodyBytes(), limits.http1().maxHeaderBytes(),
                        limits.http1().maxHeaderCount())
                : new FixedLengthInputStream(in, framing.contentLength(), limits.maxBodyBytes());
        return new Incoming(head, target, framing, body, expectContinue);
    }

    /** RFC 9110 §10.1.1: 100-continue is the only expectation; it is ignored on HTTP/1.0. */
    private static boolean expectsContinue(RequestHead head, Framing framing) throws HttpProtocolException {
        String expect = head.headers().get("Expect");
        if (expect == null || head.minorVersion() == 0) {
            return false;
        }
        if (!expect.equalsIgnoreCase("100-continue") || head.headers().count("Expect") > 1) {
            throw new HttpProtocolException(417, "Only the 100-continue expectation is supported", true);
        }
        return framing != Framing.NONE;
    }
}
