package dev.wisp.sample;

/**
 * What stores accept as an attachment's name and type. Stores keep attachments by generated id (a
 * database row), so the client's file name is never a path; this only keeps it short and printable.
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

    /**
     * {@code contentType} itself when it is non-empty, at most {@link #MAX_LENGTH} characters and
     * printable ASCII (RFC 9110 §8.3 media types are); otherwise {@link IllegalArgumentException}.
     * The routes parse it; this only keeps a bad value out of the database.
     */
    public static String checkContentType(String contentType) {
        if (contentType == null || contentType.isEmpty() || contentType.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a content type must have 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("a content type must be printable ASCII");
            }
        }
        return contentType;
    }
}
