package dev.wisp.server.websocket;

/**
 * An accepted permessage-deflate offer (RFC 7692 §7).
 *
 * @param serverNoContextTakeover the client asked the server not to keep its compression
 *     context between messages. The server never keeps it anyway (each message is compressed on
 *     its own, which every client can decode); this only decides whether the response says so.
 * @param clientNoContextTakeover the client offered not to keep its context, and the server
 *     accepted: each incoming message is inflated with a fresh context, so no inflater stays
 *     allocated between messages
 * @param clientMaxWindowBits the window the client offered to limit itself to (8–15), or 0 if it
 *     didn't say; an inflater with a 15-bit window reads any of them, so it needs no answer
 */
public record DeflateParams(boolean serverNoContextTakeover, boolean clientNoContextTakeover, int clientMaxWindowBits) {

    /** The {@code Sec-WebSocket-Extensions} response value accepting this offer. */
    public String responseHeader() {
        StringBuilder b = new StringBuilder("permessage-deflate");
        if (serverNoContextTakeover) {
            b.append("; server_no_context_takeover");
        }
        if (clientNoContextTakeover) {
            b.append("; client_no_context_takeover");
        }
        return b.toString();
    }
}
