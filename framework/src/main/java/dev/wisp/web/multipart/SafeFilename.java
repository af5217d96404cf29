package dev.wisp.web.multipart;

import java.util.Locale;
import java.util.Set;

/**
 * A client's filename reduced to something that can be shown or used as one path segment: the
 * last segment after {@code /} or {@code \}, without control characters (C0, DEL, C1), Unicode
 * direction overrides (which disguise extensions, CVE-2021-42574 style), the characters Windows
 * refuses ({@code <>:"|?*}), leading dots and spaces (no hidden files, no {@code ..}), trailing
 * dots and spaces (Windows drops them); a Windows device name ({@code CON}, {@code nul.txt}) gets
 * a leading {@code _}; at most 255 characters; {@code "upload"} if nothing is left.
 *
 * <p>It is still the client's choice of name: store uploads under names you generate, and use
 * this one for display or a {@code Content-Disposition} on the way out.
 */
final class SafeFilename {
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    static final int MAX_LENGTH = 255;

    private SafeFilename() {
    }

    static String of(String raw) {
        int start = Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1;
        StringBuilder sb = new StringBuilder(raw.length() - start);
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                    || c == '\u200e' || c == '\u200f' || "<>:\"|?*".indexOf(c) >= 0) {
                continue;
            }
            if (sb.isEmpty() && (c == '.' || c == ' ')) {
                continue;
            }
            sb.append(c);
        }
        int end = sb.length();
        while (end > 0 && (sb.charAt(end - 1) == '.' || sb.charAt(end - 1) == ' ')) {
            end--;
        }
        sb.setLength(end);
        if (sb.length() > MAX_LENGTH) {
            int cut = MAX_LENGTH;
            if (Character.isLowSurrogate(sb.charAt(cut)) && Character.isHighSurrogate(sb.charAt(cut - 1))) {
                cut--; // don't split a surrogate pair
            }
            sb.setLength(cut);
        }
        if (sb.isEmpty()) {
            return "upload";
        }
        String name = sb.toString();
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).strip().toLowerCase(Locale.ROOT);
        return DEVICES.contains(stem) ? "_" + name : name;
    }
}
