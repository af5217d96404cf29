package dev.wisp.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A ClientHello written byte by byte (RFC 5246 §7.4.1.2), so a test can offer what no modern JDK
 * client will (TLS 1.0/1.1, CBC or static-RSA suites) without lowering the test JVM's global
 * {@code jdk.tls.disabledAlgorithms}, and read the server's first record back.
 */
final class RawClientHello {
    static final int TLS10 = 0x0301;
    static final int TLS11 = 0x0302;
    static final int TLS12 = 0x0303;

    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int SERVER_HELLO = 2;
    static final int HANDSHAKE_FAILURE = 40;
    static final int PROTOCOL_VERSION = 70;

    /** The server's first record: its content type and, for an alert, its description; for a handshake record, the message type. */
    record Answer(int contentType, int detail) {
    }

    private RawClientHello() {
    }

    /** Sends a ClientHello with {@code version} (no supported_versions extension) offering {@code suites}, returns the first record. */
    static Answer send(int port, int version, int... suites) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(hello(version, suites));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.readUnsignedByte();
            in.readUnsignedShort();  // record version
            in.readUnsignedShort();  // length
            if (type == ALERT) {
                in.readUnsignedByte();  // level
            }
            return new Answer(type, in.readUnsignedByte());  // alert description, or handshake message type
        }
    }

    static byte[] hello(int version, int... suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);                      // client_version
        for (int i = 0; i < 32; i++) {
            body.write(i);                       // random
        }
        body.write(0);                           // session_id: empty
        u16(body, suites.length * 2);
        for (int suite : suites) {
            u16(body, suite);
        }
        body.write(1);                           // compression_methods: null only
        body.write(0);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        extension(ext, 0x000a, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17);   // supported_groups: x25519, secp256r1
        extension(ext, 0x000b, 0x01, 0x00);                           // ec_point_formats: uncompressed
        extension(ext, 0x000d, 0x00, 0x06, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01); // signature_algorithms
        extension(ext, 0xff01, 0x00);                                 // renegotiation_info: empty (RFC 5746)
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        u16(record, TLS10);                      // record layer version, as clients send it
        u16(record, body.size() + 4);
        record.write(1);                         // client_hello
        record.write(0);
        u16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, int... data) {
        u16(out, type);
        u16(out, data.length);
        for (int b : data) {
            out.write(b);
        }
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xff);
    }
}
