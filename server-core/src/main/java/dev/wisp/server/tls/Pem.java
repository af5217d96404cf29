package dev.wisp.server.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The PEM textual encoding of RFC 7468: {@code -----BEGIN LABEL-----}, base64 lines,
 * {@code -----END LABEL-----}. Text between blocks (such as the subject lines certbot and
 * {@code openssl x509 -text} write) is ignored, as §2 allows. Within a block, whitespace is
 * ignored (§3 "lax" parsing) and RFC 1421 header lines ({@code Proc-Type: 4,ENCRYPTED}, as in
 * OpenSSL's legacy encrypted keys) are noted, not decoded.
 *
 * <p>Runs once per file load (start, reload), not per connection.
 */
final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** One PEM block: its label, its decoded bytes, and whether it had RFC 1421 headers. */
    record Block(String label, byte[] der, boolean hasHeaders) {
    }

    private Pem() {
    }

    /**
     * Every block in {@code bytes}, in order; empty when the text has none (not PEM). A block
     * without its END line, an END label that differs from BEGIN, or invalid base64 is a
     * {@code file.problem(...)}.
     */
    static List<Block> parse(byte[] bytes, TlsFile file) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        String label = null;
        boolean headers = false;
        StringBuilder base64 = new StringBuilder();
        int pos = 0;
        while (pos < text.length()) {
            int eol = text.indexOf('\n', pos);
            int next = eol < 0 ? text.length() : eol + 1;
            String line = text.substring(pos, eol < 0 ? text.length() : eol).strip();
            pos = next;
            if (label == null) {
                if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() > BEGIN.length() + DASHES.length()) {
                    label = line.substring(BEGIN.length(), line.length() - DASHES.length());
                    headers = false;
                    base64.setLength(0);
                }
            } else if (line.startsWith(END)) {
                String endLabel = line.endsWith(DASHES) && line.length() >= END.length() + DASHES.length()
                        ? line.substring(END.length(), line.length() - DASHES.length()) : line;
                if (!endLabel.equals(label)) {
                    throw file.problem("not valid PEM (BEGIN " + label + " is closed by " + line + ")");
                }
                blocks.add(new Block(label, decode(base64, label, file), headers));
                label = null;
            } else if (line.indexOf(':') >= 0) {
                headers = true;  // RFC 1421 §4.6 encapsulated header, e.g. "Proc-Type: 4,ENCRYPTED"
            } else {
                base64.append(line);  // an empty line (after headers) adds nothing
            }
        }
        if (label != null) {
            throw file.problem("not valid PEM (BEGIN " + label + " has no END line)");
        }
        return blocks;
    }

    private static byte[] decode(CharSequence base64, String label, TlsFile file) {
        StringBuilder compact = new StringBuilder(base64.length());
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                compact.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw file.problem("not valid PEM (the " + label + " block is not base64)");
        }
    }
}
