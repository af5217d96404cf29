package dev.wisp.web.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client's filename cut to one harmless segment. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SafeFilenameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "report.pdf|report.pdf",
        "../../etc/passwd|passwd",
        "C:\\Users\\me\\cv.docx|cv.docx",
        "..|upload",
        "...|upload",
        ".htaccess|htaccess",
        "` .. hidden`|hidden",
        "a:b*c?d|abcd",
        "name.txt. . |name.txt",
        "CON|_CON",
        "nul.txt|_nul.txt",
        "conference.txt|conference.txt",
        "``|upload",
        "café €.txt|café €.txt",
        "dir/|upload",
    })
    void keepsOneCleanSegment(String raw, String safe) {
        assertEquals(safe, SafeFilename.of(raw));
    }

    @Test
    void dropsControlAndDirectionCharacters() {
        assertEquals("ab.txt", SafeFilename.of("a\u0000\u001f\u007f\u0085b.txt"));
        // U+202E would show "photo\u202Egpj.exe" as "photoexe.jpg" (CVE-2021-42574's trick for file names).
        assertEquals("photogpj.exe", SafeFilename.of("photo\u202egpj.exe"));
    }

    @Test
    void capsTheLengthWithoutSplittingASurrogatePair() {
        assertEquals(255, SafeFilename.of("a".repeat(300)).length());
        String emoji = "\ud83d\ude00";
        String cut = SafeFilename.of("a".repeat(254) + emoji);
        assertEquals("a".repeat(254), cut);
    }
}
