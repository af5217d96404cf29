package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AttachmentNamesTest {

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertEquals("passwd", AttachmentNames.clean("../../etc/passwd"));
        assertEquals("x.txt", AttachmentNames.clean("C:\\fakepath\\x.txt"));
        assertEquals("file", AttachmentNames.clean("dir/"));
        assertEquals("file", AttachmentNames.clean(".."));
        assertEquals("file", AttachmentNames.clean("a/."));
        assertEquals("file", AttachmentNames.clean(null));
        assertEquals("file", AttachmentNames.clean("   "));
    }

    @Test
    void dropsControlCharactersAndKeepsUnicode() {
        assertEquals("evil.txt", AttachmentNames.clean("ev\r\nil\u0000.txt\u007f"));
        assertEquals("café 😀.png", AttachmentNames.clean(" café 😀.png "));
    }

    @Test
    void cutsLongNamesWithoutSplittingASurrogatePair() {
        assertEquals(255, AttachmentNames.clean("a".repeat(300)).length());
        String name = AttachmentNames.clean("a".repeat(254) + "😀");
        assertEquals("a".repeat(254), name, "a pair that would not fit whole is left out");
    }

    @Test
    void acceptsOnlyPrintableAsciiContentTypes() {
        assertEquals("text/plain; charset=utf-8", AttachmentNames.checkContentType("text/plain; charset=utf-8"));
        assertThrows(IllegalArgumentException.class, () -> AttachmentNames.checkContentType("text/plain\n"));
        assertThrows(IllegalArgumentException.class, () -> AttachmentNames.checkContentType("téxt/plain"));
        assertThrows(IllegalArgumentException.class, () -> AttachmentNames.checkContentType("a".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> AttachmentNames.checkContentType(null));
    }
}
