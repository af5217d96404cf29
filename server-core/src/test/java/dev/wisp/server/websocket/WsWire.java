package dev.wisp.server.websocket;

import dev.wisp.server.Attributes;
import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.WebSocketConfig;
import dev.wisp.server.WebSocketMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Client frames in, server frames out: what the WebSocket tests share. */
final class WsWire {
    static final int MASK = 0x37fa213d; // RFC 6455 §5.7's example key
    static final HexFormat HEX = HexFormat.of();

    private WsWire() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A masked client frame with a minimal length. */
    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, false, opcode, payload);
    }

    static byte[] frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        int lengthBytes = payload.length < 126 ? 0 : payload.length <= 0xffff ? 2 : 8;
        return frame((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode, true, lengthBytes, payload);
    }

    /** Any client frame: {@code b0} as given, masked or not, the length in 0, 2 or 8 extra bytes. */
    static byte[] frame(int b0, boolean masked, int lengthBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int m = masked ? 0x80 : 0;
        long len = payload.length;
        if (lengthBytes == 0) {
            out.write(m | (int) len);
        } else if (lengthBytes == 2) {
            out.write(m | 126);
            out.write((int) (len >>> 8));
            out.write((int) len);
        } else {
            out.write(m | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)));
            }
        }
        if (masked) {
            for (int i = 3; i >= 0; i--) {
                out.write(MASK >>> (8 * i));
            }
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ (MASK >>> (24 - 8 * (i & 3))) : payload[i]);
        }
        return out.toByteArray();
    }

    static byte[] text(String s) {
        return frame(true, FrameHeader.TEXT, utf8(s));
    }

    static byte[] close(int code, String reason) {
        byte[] r = utf8(reason);
        byte[] body = new byte[2 + r.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(r, 0, body, 2, r.length);
        return frame(true, FrameHeader.CLOSE, body);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Server frames (unmasked, RFC 6455 §5.2) as "OPCODE[ rsv1] hex" lines. */
    static List<String> serverFrames(byte[] wire) {
        List<String> frames = new ArrayList<>();
        int i = 0;
        while (i < wire.length) {
            int b0 = wire[i] & 0xff;
            int b1 = wire[i + 1] & 0xff;
            if ((b1 & 0x80) != 0 || (b0 & 0x80) == 0) {
                throw new AssertionError("server frames must be unmasked and final");
            }
            long len = b1 & 0x7f;
            i += 2;
            if (len == 126) {
                len = ((wire[i] & 0xff) << 8) | (wire[i + 1] & 0xff);
                i += 2;
            } else if (len == 127) {
                len = 0;
                for (int k = 0; k < 8; k++) {
                    len = (len << 8) | (wire[i + k] & 0xff);
                }
                i += 8;
            }
            String name = switch (b0 & 0x0f) {
                case 1 -> "TEXT";
                case 2 -> "BINARY";
                case 8 -> "CLOSE";
                case 9 -> "PING";
                case 10 -> "PONG";
                default -> "OP" + (b0 & 0x0f);
            };
            if (name.equals("CLOSE") && len >= 2) {
                int code = ((wire[i] & 0xff) << 8) | (wire[i + 1] & 0xff);
                frames.add("CLOSE " + code + " " + new String(wire, i + 2, (int) len - 2, StandardCharsets.UTF_8));
            } else {
                frames.add(name + ((b0 & 0x40) != 0 ? " rsv1" : "") + " " + HEX.formatHex(wire, i, i + (int) len));
            }
            i += (int) len;
        }
        return frames;
    }

    static Request upgradeRequest(Headers headers) {
        return new Request("GET", "/ws", "/ws", "/ws", "", "HTTP/1.1", headers,
                dev.wisp.server.ConnectionInfo.plain(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 8080)),
                InputStream.nullInputStream(), Attributes.empty());
    }

    static Handshake.Accept accepted(DeflateParams deflate) {
        return new Handshake.Accept(Headers.empty(), null, deflate);
    }

    /** The receive() results until Close, then the frames the server wrote, for one input split. */
    static String transcript(byte[] input, WebSocketConfig config, DeflateParams deflate, int... splits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean[] transportClosed = {false};
        Session s = new Session(new Pieces(input, splits), out, () -> transportClosed[0] = true,
                upgradeRequest(Headers.empty()), config, accepted(deflate));
        StringBuilder t = new StringBuilder();
        while (true) {
            WebSocketMessage m = s.receive();
            t.append(describe(m)).append('\n');
            if (m instanceof WebSocketMessage.Close) {
                break;
            }
        }
        if (!transportClosed[0]) {
            throw new AssertionError("transport left open after " + t);
        }
        t.append("wrote ").append(serverFrames(out.toByteArray()));
        return t.toString();
    }

    /** One line per message: line breaks in text are escaped, so the transcript's lines are its messages. */
    static String describe(WebSocketMessage m) {
        return switch (m) {
            case WebSocketMessage.Text x -> "text " + escape(x.text());
            case WebSocketMessage.Binary b -> "binary " + HEX.formatHex(b.bytes());
            case WebSocketMessage.Close c -> "close " + c.code() + " " + escape(c.reason());
        };
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Hands out its bytes in pieces ending at the given offsets, like TCP segments. */
    static final class Pieces extends InputStream {
        private final ByteArrayInputStream in;
        private final int[] splits;
        private int pos;
        private int next;

        Pieces(byte[] data, int... splits) {
            this.in = new ByteArrayInputStream(data);
            this.splits = splits;
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                pos++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (next < splits.length && splits[next] <= pos) {
                next++;
            }
            int limit = next < splits.length ? splits[next] - pos : len;
            int n = in.read(b, off, Math.min(len, limit));
            if (n > 0) {
                pos += n;
            }
            return n;
        }
    }
}
