package dev.wisp.server.hardening;

import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that do not speak HTTP/1.1 where the server expects it, or send an authority that is not
 * one, over a real socket. Bytes that cannot start a request line — a TLS ClientHello sent to the
 * plaintext port above all — get a 400 and a close at once: the head timeout here is a minute and
 * every test must finish in a fraction of that, so an answer that waited for a line end or for the
 * timeout fails the test. Host and absolute-form authorities: RFC 9112 §3.2, RFC 9110 §4.2.4, §7.2.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NonHttpClientsTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static Server server;

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                .withTimeouts(Timeouts.defaults().withHead(LONG).withIdle(LONG).withRead(LONG)),
                request -> Response.text("ok " + request.header("Host")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The first flight of a real TLS client, as the JDK would send it to this port. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", server.port());
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        assertEquals(0x16, hello[0], "a TLS handshake record");
        return hello;
    }

    private static void assertRefusedAndClosed(Wire wire) throws IOException {
        Wire.Reply r = wire.read();
        assertEquals(400, r.status());
        assertEquals("close", r.header("Connection"));
        assertTrue(wire.closedByServer(), "closed after the 400");
    }

    @Test
    void answersATlsClientHelloOnThePlaintextPortWith400AtOnce() throws Exception {
        try (Wire wire = Wire.connect(server.port())) {
            assertRefusedAndClosed(wire.send(clientHello()));
        }
    }

    @Test
    void answersTheFirstByteOfAHandshakeWithoutWaitingForMore() throws Exception {
        // Only the record type arrives: no line end, no more bytes, and still the answer comes.
        try (Wire wire = Wire.connect(server.port())) {
            assertRefusedAndClosed(wire.send(new byte[] {0x16}));
        }
    }

    @Test
    void failsATlsClientsHandshakeQuickly() throws Exception {
        // The client reads the 400 as a malformed TLS record and gives up; it is never left waiting.
        try (SSLSocket tls = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            tls.setSoTimeout(Wire.READ_TIMEOUT_MILLIS);
            assertThrows(SSLException.class, tls::startHandshake);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "ff", "0a", "20", "80"})
    void answersBinaryWith400AtOnce(String hex) throws Exception {
        byte[] junk = new byte[64];
        Arrays.fill(junk, (byte) Integer.parseInt(hex, 16));
        try (Wire wire = Wire.connect(server.port())) {
            assertRefusedAndClosed(wire.send(junk));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h:80:80", "h h", "user@h", "user:pw@h", "[::1", "[::1]x", "h:99999", ":80", "h:8o", "[::1%25lo]"})
    void refusesAHostThatIsNotAnAuthority(String host) throws IOException {
        try (Wire wire = Wire.connect(server.port())) {
            assertRefusedAndClosed(wire.send("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com:8080", "h:", "127.0.0.1:80", "[::1]:8080", "[2001:db8::1]"})
    void servesAValidHost(String host) throws IOException {
        try (Wire wire = Wire.connect(server.port())) {
            Wire.Reply r = wire.send("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("ok " + host, r.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:pw@h/", "http://user@h/p", "http://h:80:80/", "http://[::1/", "http://:80/"})
    void refusesAnAbsoluteFormTargetWithUserinfoOrABadAuthority(String target) throws IOException {
        try (Wire wire = Wire.connect(server.port())) {
            assertRefusedAndClosed(wire.send("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n"));
        }
    }
}
