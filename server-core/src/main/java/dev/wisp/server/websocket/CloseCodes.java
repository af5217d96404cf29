package dev.wisp.server.websocket;

/** Close status codes (RFC 6455 §7.4) and which of them may appear on the wire. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;
    /** Local only (§7.4.1): the Close frame had no code. */
    public static final int NO_STATUS = 1005;
    /** Local only (§7.4.1): the connection was lost without a Close frame. */
    public static final int ABNORMAL = 1006;

    private CloseCodes() {
    }

    /**
     * Whether a code may be sent in, or accepted from, a Close frame. §7.4.1 defines 1000–1003 and
     * 1007–1011; 1012–1014 are registered with IANA (§11.7; service restart, try again later, bad
     * gateway) and sent by real servers; 3000–4999 are for libraries and applications (§7.4.2).
     * 1004 is reserved, 1005, 1006 and 1015 must never be on the wire, and everything else below
     * 3000 is unassigned; a peer sending one is failed with 1002.
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
