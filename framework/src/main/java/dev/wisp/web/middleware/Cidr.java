package dev.wisp.web.middleware;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An address block such as {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a single address
 * ({@code 127.0.0.1} = {@code /32}, {@code ::1} = {@code /128}). An IPv4-mapped IPv6 address is
 * compared as the IPv4 address it maps, so {@code ::ffff:10.1.2.3} is inside {@code 10.0.0.0/8}.
 */
record Cidr(byte[] network, int prefixLength, String text) {

    /** Parses a block, throwing {@link IllegalArgumentException} with a fix when it is invalid. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        int end = slash < 0 ? text.length() : slash;
        byte[] address = IpAddresses.parse(text, 0, end);
        if (address == null) {
            throw new IllegalArgumentException("Trusted proxy '" + text
                    + "' is not an IP address or CIDR block: write e.g. '10.0.0.0/8', '192.168.1.7' or 'fd00::/8'");
        }
        address = IpAddresses.unmapped(address);
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            prefix = parsePrefix(text, slash + 1, bits);
            if (prefix < 0) {
                throw new IllegalArgumentException("Trusted proxy '" + text + "' has an invalid prefix length: use 0 to " + bits);
            }
        }
        byte[] network = mask(address, prefix);
        if (!Arrays.equals(network, address)) {
            throw new IllegalArgumentException("Trusted proxy '" + text
                    + "' has host bits set after the prefix: did you mean a different block or a longer prefix?");
        }
        return new Cidr(network, prefix, text);
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        byte[] a = IpAddresses.unmapped(address);
        if (a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (a[full] & m) == (network[full] & 0xff);
    }

    private static int parsePrefix(String s, int from, int max) {
        // A leading zero ("/08") is refused like in addresses: ambiguous to other parsers.
        if (s.length() - from > 1 && s.charAt(from) == '0') {
            return -1;
        }
        return IpAddresses.decimal(s, from, s.length(), max);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & ((0xff << (8 - keep)) & 0xff));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
