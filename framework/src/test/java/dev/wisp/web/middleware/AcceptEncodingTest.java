package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.server.Headers;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9110 §12.5.3 negotiation, as a table: field value → gzip and identity weights. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AcceptEncodingTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' → gzip {1}, identity {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            gzip                              | 1000 | 1000
            GZIP                              | 1000 | 1000
            x-gzip                            | 1000 | 1000
            gzip, deflate, br, zstd           | 1000 | 1000
            br                                |    0 | 1000
            ``                                |    0 | 1000
            `   `                             |    0 | 1000
            gzip;q=0.5                        |  500 | 1000
            gzip; q=0.5                       |  500 | 1000
            gzip ;Q=0.5                       |  500 | 1000
            gzip;q=0                          |    0 | 1000
            gzip;q=1.000                      | 1000 | 1000
            gzip;q=0.001                      |    1 | 1000
            gzip;q=1.                         | 1000 | 1000
            identity;q=0                      |    0 |    0
            gzip, identity;q=0                | 1000 |    0
            *                                 | 1000 | 1000
            *;q=0                             |    0 |    0
            *;q=0, identity                   |    0 | 1000
            *;q=0, gzip                       | 1000 |    0
            *;q=0.3                           |  300 |  300
            gzip;q=0.2, identity;q=0.8        |  200 |  800
            gzip;q=0.8, *;q=0.1               |  800 |  100
            gzip, gzip;q=0                    |    0 | 1000
            x-gzip;q=0, gzip                  |    0 | 1000
            gzip;q=2                          |    0 | 1000
            gzip;q=1.5                        |    0 | 1000
            gzip;q=0.1234                     |    0 | 1000
            gzip;q=                           |    0 | 1000
            gzip;q=abc                        |    0 | 1000
            gzip;q=-1                         |    0 | 1000
            gzip q=0.5                        |    0 | 1000
            gzip;;q=0.5                       |    0 | 1000
            gzip;level=9                      | 1000 | 1000
            gzip;level=9;q=0.4                |  400 | 1000
            `"gzip"`                          |    0 | 1000
            ,,gzip,,                          | 1000 | 1000
            identity;q=0.5, gzip;q=0.5        |  500 |  500
            gzip;q=0, *                       |    0 | 1000
            """)
    void negotiates(String value, int gzip, int identity) {
        assertEquals(new AcceptEncoding(gzip, identity), AcceptEncoding.parse(value));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' prefers gzip: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            gzip                        | true
            gzip;q=0.5, identity;q=0.5  | true
            gzip;q=0.2, identity;q=0.8  | false
            br                          | false
            identity;q=0                | false
            *;q=0, gzip;q=0.1           | true
            """)
    void prefersGzipOnlyWhenItWeighsAtLeastIdentity(String value, boolean prefers) {
        assertEquals(prefers, AcceptEncoding.parse(value).prefersGzip());
    }

    @Test
    void noFieldMeansIdentityOnly() {
        assertEquals(AcceptEncoding.IDENTITY_ONLY, AcceptEncoding.of(Headers.empty()));
    }

    @Test
    void severalFieldLinesAreOneList() {
        Headers headers = Headers.of("Accept-Encoding", "br", "Accept-Encoding", "gzip;q=0.7");
        assertEquals(new AcceptEncoding(700, 1000), AcceptEncoding.of(headers));
        Headers refusal = Headers.of("Accept-Encoding", "gzip", "Accept-Encoding", "identity;q=0");
        assertEquals(new AcceptEncoding(1000, 0), AcceptEncoding.of(refusal));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0     | 0
            0.    | 0
            0.5   | 500
            0.05  | 50
            0.005 | 5
            1     | 1000
            1.0   | 1000
            1.000 | 1000
            1.001 | -1
            0.0000| -1
            00    | -1
            .5    | -1
            2     | -1
            """)
    void readsQvaluesExactly(String q, int thousandths) {
        assertEquals(thousandths, AcceptEncoding.qvalue(q, 0, q.length()));
    }
}
