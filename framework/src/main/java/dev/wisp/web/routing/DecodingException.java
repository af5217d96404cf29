package dev.wisp.web.routing;

import dev.wisp.server.PercentEncoding;

/**
 * Thrown when a query string or form body has more parameters than the decoder's limit. It is a
 * {@link PercentEncoding.MalformedException}, the exception of the shared percent-decoder (a
 * {@code %} not followed by two hex digits, bytes that are not valid UTF-8, an encoded NUL in a
 * path), so one {@code catch} of that type covers every bad input of the framework's decoders.
 * The message is fixed text that never echoes the input, so it is safe to send to a client. The
 * framework answers it with a 400 problem.
 */
public final class DecodingException extends PercentEncoding.MalformedException {

    public DecodingException(String message) {
        super(message);
    }
}
