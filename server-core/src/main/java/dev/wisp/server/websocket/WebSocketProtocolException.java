package dev.wisp.server.websocket;

import java.io.IOException;

/**
 * The peer broke RFC 6455 or RFC 7692, or a limit: the session is failed with {@link #closeCode()}
 * (1002 protocol error, 1007 invalid payload data, 1009 message too big; §7.4.1). The message is
 * fixed text that never echoes input, fit for the Close frame's reason.
 */
public final class WebSocketProtocolException extends IOException {
    private final int closeCode;

    public WebSocketProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
