package dev.wisp.server.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3629 §4 boundaries, each input also fed split at every byte. */
class Utf8ValidatorTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            // hex, outcome: valid | invalid | incomplete
            "'', valid",
            "48656c6c6f, valid",
            "7f, valid",
            "c280, valid",               // U+0080, the first two-byte character
            "dfbf, valid",               // U+07FF
            "e0a080, valid",             // U+0800
            "ed9fbf, valid",             // U+D7FF, below the surrogates
            "ee8080, valid",             // U+E000, above them
            "efbfbf, valid",             // U+FFFF
            "f0908080, valid",           // U+10000
            "f48fbfbf, valid",           // U+10FFFF, the last code point
            "cebae1bdb9cf83cebcceb5, valid", // κόσμε
            "80, invalid",               // a lone continuation byte
            "c0af, invalid",             // overlong '/'
            "c1bf, invalid",             // overlong
            "e080af, invalid",           // overlong three-byte
            "f08080af, invalid",         // overlong four-byte
            "eda080, invalid",           // U+D800, a surrogate
            "edbfbf, invalid",           // U+DFFF
            "f4908080, invalid",         // U+110000, past the last code point
            "f5808080, invalid",
            "ff, invalid",
            "c241, invalid",             // a lead byte followed by ASCII
            "e282, incomplete",          // '€' cut short
            "f09080, incomplete",
            "c2, incomplete"})
    void checksUtf8WhateverTheSplit(String hex, String outcome) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        for (int split = 0; split <= bytes.length; split++) {
            Utf8Validator v = new Utf8Validator();
            boolean ok = v.feed(bytes, 0, split) && v.feed(bytes, split, bytes.length - split);
            assertEquals(outcome, !ok ? "invalid" : v.isComplete() ? "valid" : "incomplete", "split at " + split);
        }
    }
}
