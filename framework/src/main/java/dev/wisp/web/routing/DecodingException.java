package dev.wisp.web.routing;

/**
 * Thrown when percent-encoded text (a path segment, a query string, a form body) cannot be
 * decoded: a {@code %} not followed by two hex digits, bytes that are not valid UTF-8, an encoded
 * NUL in a path, or more parameters than the decoder's limit. It is the only exception the
 * decoders throw for bad input, whatever the input; the message is fixed text that never echoes
 * the input, so it is safe to send to a client. The framework answers it with a 400 problem.
 */
public final class DecodingException extends IllegalArgumentException {

    public DecodingException(String message) {
        super(message);
    }

    /** No stack trace: it describes the client's input, not a fault in the program. */
    @Override
    public Throwable fillInStackTrace() {
        return this;
    }
}
