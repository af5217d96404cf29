package dev.wisp.sample;

/**
 * Turns a client's file name into a display name that is safe to store and show. Stores keep
 * attachments by generated id (a database row), so the name is never a path; this only keeps it
 * short and printable.
 */
public final class AttachmentNames {
    /** The longest name kept, in UTF-16 units (the database column holds 255 characters). */
    public static final int MAX_LENGTH = 255;
    static final String FALLBACK = "file";

    private AttachmentNames() {
    }

    /**
     * The last path segment of {@code name} (browsers on Windows have sent {@code C:\fakepath\x.txt}),
     * with control characters dropped, surrounding blanks trimmed, cut at {@link #MAX_LENGTH} without
     * splitting a surrogate pair; {@code "file"} when nothing is left, or for {@code .} and {@code ..}.
     */
    public static String clean(String name) {
        if (name == null) {
            return FALLBACK;
        }
        int start = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1;
        StringBuilder out = new StringBuilder(Math.min(name.length() - start, MAX_LENGTH));
        for (int i = start; i < name.length() && out.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && out.length() == MAX_LENGTH - 1) {
                break;
            }
            out.append(c);
        }
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? FALLBACK : cleaned;
    }
}
