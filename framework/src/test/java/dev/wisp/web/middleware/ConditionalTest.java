package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.problem.HttpException;
import dev.wisp.web.testing.TestRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §13: entity-tag comparison (§8.8.3.2) and the precedence of §13.2.2. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConditionalTest {
    private static final ETag CURRENT = ETag.of(7);
    private static final Instant MODIFIED = Instant.parse("2026-11-30T10:00:00Z");
    private static final String AT = "Mon, 30 Nov 2026 10:00:00 GMT";
    private static final String BEFORE = "Mon, 30 Nov 2026 09:59:59 GMT";
    private static final String AFTER = "Mon, 30 Nov 2026 10:00:01 GMT";

    private static Request request(String method, String... headers) {
        TestRequest r = TestRequest.of(method, "/todos/1");
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return r.build();
    }

    /** 200 (proceed), 304 or 412 for a request against CURRENT / MODIFIED. */
    private static int outcome(Request request) {
        try {
            Optional<Response> r = Conditional.check(request, CURRENT, MODIFIED);
            return r.map(Response::status).orElse(200);
        } catch (HttpException e) {
            assertEquals(412, e.status());
            return 412;
        }
    }

    // ---- §8.8.3.2 comparison, on the list matcher

    @ParameterizedTest(name = "[{index}] {0} vs {1}: strong {2}, weak {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `"1"`                | `"1"`      | true  | true
            `"1"`                | `W/"1"`    | false | true
            `W/"1"`              | `W/"1"`    | false | true
            `W/"1"`              | `"1"`      | false | true
            `"1"`                | `"2"`      | false | false
            `"2", "1"`           | `"1"`      | true  | true
            `"2","1"`            | `"1"`      | true  | true
            `"a,b", "c"`         | `"a,b"`    | true  | true
            `*`                  | `"1"`      | true  | true
            ` * `                | `"1"`      | true  | true
            `"1-gzip"`           | `"1"`      | true  | true
            `W/"1-gzip"`         | `"1"`      | false | true
            `"1"`                | `"1-gzip"` | false | false
            `"1-gzi"`            | `"1"`      | false | false
            `"1-gzipx"`          | `"1"`      | false | false
            `1`                  | `"1"`      | false | false
            `"1`                 | `"1"`      | false | false
            `"1" "2"`            | `"1"`      | false | false
            `*, "1"`             | `"1"`      | false | false
            `"1", *`             | `"1"`      | false | false
            `"1", garbage`       | `"1"`      | false | false
            `w/"1"`              | `"1"`      | false | false
            `""`                 | `""`       | true  | true
            ``                   | `"1"`      | false | false
            `,`                  | `"1"`      | false | false
            `"1",`               | `"1"`      | true  | true
            `"a b"`              | `"a b"`    | false | false
            """)
    void comparesStronglyAndWeakly(String list, String current, boolean strong, boolean weak) {
        assertEquals(strong, EntityTags.strongMatch(list, current), "strong");
        assertEquals(weak, EntityTags.weakMatch(list, current), "weak");
    }

    @Test
    void starMatchesOnlyAnExistingRepresentation() {
        assertTrue(EntityTags.matches("*", null, true, true));
        assertEquals(false, EntityTags.matches("*", null, false, true));
        assertEquals(false, EntityTags.matches("\"1\"", null, true, false));
    }

    @Test
    void suffixesStrongTagsOnly() {
        assertEquals("\"abc-gzip\"", EntityTags.suffixed("\"abc\""));
        assertEquals("W/\"abc\"", EntityTags.suffixed("W/\"abc\""));
        assertTrue(EntityTags.listsSuffixed("\"x\", \"abc-gzip\"", "\"abc\""));
        assertEquals(false, EntityTags.listsSuffixed("\"abc\"", "\"abc\""));
    }

    // ---- ETag values

    @Test
    void buildsTagsFromVersions() {
        assertEquals("\"7\"", ETag.of(7).toString());
        assertEquals("\"-1\"", ETag.of(-1).toString());
        assertEquals("W/\"v1\"", ETag.weak("v1").toString());
        assertEquals("\"abc\"", ETag.strong("abc").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "a b", "a\tb", "a\u0000b", "a\u007fb", "caf\u0100"})
    void rejectsTagsThatCannotBeSent(String opaque) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ETag.strong(opaque));
        assertTrue(e.getMessage().contains("RFC 9110 §8.8.3"), e.getMessage());
    }

    // ---- §13.2.2 precedence

    @ParameterizedTest(name = "[{index}] {0} {1}: {2} → {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            GET    | If-None-Match       | `"7"`          | 304
            HEAD   | If-None-Match       | `"7"`          | 304
            GET    | If-None-Match       | `W/"7"`        | 304
            GET    | If-None-Match       | `"7-gzip"`     | 304
            GET    | If-None-Match       | `"6"`          | 200
            GET    | If-None-Match       | `*`            | 304
            GET    | If-None-Match       | `junk`         | 200
            PUT    | If-None-Match       | `"7"`          | 412
            PUT    | If-None-Match       | `*`            | 412
            DELETE | If-None-Match       | `"6"`          | 200
            PUT    | If-Match            | `"7"`          | 200
            PATCH  | If-Match            | `"7-gzip"`     | 200
            DELETE | If-Match            | `"6"`          | 412
            PUT    | If-Match            | `W/"7"`        | 412
            PUT    | If-Match            | `*`            | 200
            PUT    | If-Match            | `7`            | 412
            PUT    | If-Match            | ``             | 412
            GET    | If-Match            | `"6"`          | 412
            GET    | If-Modified-Since   | `Mon, 30 Nov 2026 10:00:00 GMT` | 304
            GET    | If-Modified-Since   | `Mon, 30 Nov 2026 10:00:01 GMT` | 304
            GET    | If-Modified-Since   | `Mon, 30 Nov 2026 09:59:59 GMT` | 200
            GET    | If-Modified-Since   | `Monday, 30-Nov-26 10:00:00 GMT` | 304
            GET    | If-Modified-Since   | `Mon Nov 30 10:00:00 2026`      | 304
            GET    | If-Modified-Since   | `yesterday`                     | 200
            PUT    | If-Modified-Since   | `Mon, 30 Nov 2026 10:00:00 GMT` | 200
            PUT    | If-Unmodified-Since | `Mon, 30 Nov 2026 10:00:00 GMT` | 200
            PUT    | If-Unmodified-Since | `Mon, 30 Nov 2026 09:59:59 GMT` | 412
            GET    | If-Unmodified-Since | `Mon, 30 Nov 2026 09:59:59 GMT` | 412
            PUT    | If-Unmodified-Since | `not a date`                    | 200
            OPTIONS| If-Match            | `"6"`          | 200
            """)
    void followsThePrecedenceOfRfc9110(String method, String field, String value, int status) {
        assertEquals(status, outcome(request(method, field, value)));
    }

    @Test
    void ifMatchOverridesIfUnmodifiedSince() {
        // §13.1.4: If-Unmodified-Since is ignored when If-Match is present.
        assertEquals(200, outcome(request("PUT", "If-Match", "\"7\"", "If-Unmodified-Since", BEFORE)));
    }

    @Test
    void ifNoneMatchOverridesIfModifiedSince() {
        // §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
        assertEquals(200, outcome(request("GET", "If-None-Match", "\"6\"", "If-Modified-Since", AFTER)));
        assertEquals(304, outcome(request("GET", "If-None-Match", "\"7\"", "If-Modified-Since", BEFORE)));
    }

    @Test
    void ifMatchIsEvaluatedBeforeIfNoneMatch() {
        assertEquals(412, outcome(request("GET", "If-Match", "\"6\"", "If-None-Match", "\"7\"")));
    }

    @Test
    void aRepeatedDateFieldIsIgnored() {
        assertEquals(200, outcome(request("GET", "If-Modified-Since", AT, "If-Modified-Since", AT)));
    }

    @Test
    void severalIfMatchLinesAreOneList() {
        assertEquals(200, outcome(request("PUT", "If-Match", "\"5\"", "If-Match", "\"7\"")));
    }

    @Test
    void notModifiedCarriesTheValidators() {
        Response r = Conditional.check(request("GET", "If-None-Match", "\"7\""), CURRENT, MODIFIED).orElseThrow();
        assertEquals(304, r.status());
        assertEquals("\"7\"", r.header("ETag"));
        assertEquals(AT, r.header("Last-Modified"));
    }

    @Test
    void withoutADateOnlyTagsCount() {
        Request r = request("GET", "If-Modified-Since", AFTER);
        assertEquals(Optional.empty(), Conditional.check(r, CURRENT));
        assertEquals(Optional.empty(), Conditional.check(request("PUT", "If-Unmodified-Since", BEFORE), CURRENT));
    }

    @Test
    void aMissingTagFailsEveryIfMatchButStar() {
        assertThrows(HttpException.class, () -> Conditional.check(request("PUT", "If-Match", "\"7\""), null, MODIFIED));
        assertEquals(Optional.empty(), Conditional.check(request("PUT", "If-Match", "*"), null, MODIFIED));
    }

    @Test
    void anAbsentResourceFailsIfMatchAndPassesIfNoneMatchStar() {
        HttpException e = assertThrows(HttpException.class, () -> Conditional.checkAbsent(request("PUT", "If-Match", "*")));
        assertEquals(412, e.status());
        assertTrue(e.detail().contains("If-Match"), e.detail());
        Conditional.checkAbsent(request("PUT", "If-None-Match", "*"));
        Conditional.checkAbsent(request("PUT"));
    }

    @Test
    void preconditionFailedNamesTheField() {
        HttpException e = assertThrows(HttpException.class,
                () -> Conditional.check(request("PUT", "If-Unmodified-Since", BEFORE), CURRENT, MODIFIED));
        assertEquals(412, e.status());
        assertTrue(e.detail().contains("If-Unmodified-Since"), e.detail());
        assertEquals("application/problem+json", e.toProblem().toResponse().header("Content-Type"));
    }
}
