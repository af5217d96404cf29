package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals and CIDR blocks, parsed byte by byte and checked against the JDK's own parser. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "192.0.2.43", "255.255.255.255", "::", "::1", "1::",
            "2001:db8::1", "2001:DB8:0:0:8:800:200C:417A", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1",
            "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4", "1::8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8"})
    void parsesLiteralsLikeTheJdk(String literal) throws Exception {
        // The JDK parses literals without DNS; it is the oracle here, never used on requests.
        assertArrayEquals(InetAddress.getByName(literal).getAddress(), IpAddresses.unmapped(IpAddresses.parse(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.04", "01.2.3.4", "1..2.3", "1.2.3.4 ",
            " 1.2.3.4", "a.b.c.d", "1.2.3.-4", ":", ":::", "1:::2", "::1::", "1::2::3", "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7", "12345::", ":1::", "1:", "::g", "fe80::1%eth0", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4",
            "1.2.3.4::", "[::1]", "localhost", "1:2:3:4:5:6:7:8::"})
    void refusesWhatIsNotALiteral(String text) {
        assertNull(IpAddresses.parse(text), text);
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.4.0/22, 192.168.7.255, true",
            "192.168.4.0/22, 192.168.8.0, false",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.2, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "0.0.0.0/0, ::1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "::1, ::1, true",
            "::/0, 2001:db8::1, true",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "fd00::/8, fdab::1, true",
            "fd00::/8, fe00::1, false"})
    void matchesBlocks(String block, String address, boolean inside) throws Exception {
        assertEquals(inside, Cidr.parse(block).contains(InetAddress.getByName(address)), block + " ∋ " + address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/x",
            "example.com", "10.0.0.0/8/8", "", "/8"})
    void refusesBadBlocksWithAFix(String block) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(block));
        assertTrue(e.getMessage().contains("Trusted proxy"), e.getMessage());
    }

    @Test
    void decimalIsBounded() {
        assertEquals(65535, IpAddresses.decimal("65535", 0, 5, 65535));
        assertEquals(-1, IpAddresses.decimal("65536", 0, 5, 65535));
        assertEquals(-1, IpAddresses.decimal("000080", 0, 6, 65535));
        assertEquals(-1, IpAddresses.decimal("", 0, 0, 65535));
        assertFalse(IpAddresses.decimal("8a", 0, 2, 65535) >= 0);
    }
}
