package dev.wisp.web.middleware;

import java.util.Arrays;

/**
 * Byte-level parsing of IP address literals, for trusted-proxy lists and forwarded headers. Never
 * resolves a name: {@code InetAddress.getByName} would send anything that is not a literal to DNS,
 * which a header value must never trigger. No regex; every input is bounded by its own length.
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /** The 4 or 16 bytes of an IPv4 or IPv6 literal in {@code s[from, to)}, or {@code null}. */
    static byte[] parse(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return parseIpv6(s, from, to);
            }
        }
        return parseIpv4(s, from, to);
    }

    static byte[] parse(String s) {
        return parse(s, 0, s.length());
    }

    /**
     * RFC 3986 §3.2.2 {@code IPv4address}: four decimal octets 0–255 separated by dots. Leading
     * zeros are refused: {@code 010} is octal to some parsers and decimal to others (CVE-2021-29921).
     */
    static byte[] parseIpv4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && isDigit(s.charAt(i))) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    /**
     * RFC 4291 §2.2 text forms: eight groups of 1–4 hex digits, one {@code ::} for a run of zero
     * groups, and an optional dotted IPv4 tail. Zone ids ({@code %eth0}) are refused: they mean
     * nothing off the host that wrote them.
     */
    static byte[] parseIpv6(String s, int from, int to) {
        byte[] out = new byte[16];
        int groups = 0;      // 16-bit groups written so far
        int gap = -1;        // group index where "::" stands
        int i = from;
        if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
            gap = 0;
            i += 2;
            if (i == to) {
                return out;
            }
        } else if (i < to && s.charAt(i) == ':') {
            return null;     // a single leading ':'
        }
        while (i < to) {
            if (groups == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 4 && AsciiHex.value(s.charAt(i)) >= 0) {
                value = (value << 4) | AsciiHex.value(s.charAt(i));
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // The dotted IPv4 tail takes the last two groups.
                if (groups > 6) {
                    return null;
                }
                byte[] v4 = parseIpv4(s, start, to);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, groups * 2, 4);
                groups += 2;
                i = to;
                break;
            }
            if (i == start) {
                return null;
            }
            out[groups * 2] = (byte) (value >>> 8);
            out[groups * 2 + 1] = (byte) value;
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;     // a second "::"
                }
                gap = groups;
                i++;
            } else if (i == to) {
                return null;         // a trailing single ':'
            }
        }
        if (gap < 0) {
            return groups == 8 ? out : null;
        }
        if (groups == 8) {
            return null;             // "::" must stand for at least one group
        }
        // Move the groups after the gap to the end; the gap becomes zeros.
        int tailBytes = (groups - gap) * 2;
        System.arraycopy(out, gap * 2, out, 16 - tailBytes, tailBytes);
        Arrays.fill(out, gap * 2, 16 - tailBytes, (byte) 0);
        return out;
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as its 4 IPv4 bytes; others unchanged. */
    static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }

    /**
     * The decimal number in {@code s[from, to)} if it has 1 to 5 digits and is at most {@code max}
     * (a port, a prefix length), else -1.
     */
    static int decimal(String s, int from, int to, int max) {
        if (from >= to || to - from > 5) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
