package org.entrasfo.entrasim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The test side's token must compute what RFC 4226 and RFC 6238 say, or a passing sign-in would prove nothing. */
class OneTimePasswordsTest {

    private static final String RFC_SECRET = "12345678901234567890";

    @Test
    void matchesTheHotpVectorsOfRfc4226() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(OneTimePasswords.hotp(RFC_SECRET, counter)).as("counter %d", counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void matchesTheSha1TotpVectorsOfRfc6238() {
        byte[] key = RFC_SECRET.getBytes(StandardCharsets.US_ASCII);
        assertThat(OneTimePasswords.hotp(key, 59L / 30, 8, "HmacSHA1")).isEqualTo("94287082");
        assertThat(OneTimePasswords.hotp(key, 1111111109L / 30, 8, "HmacSHA1")).isEqualTo("07081804");
        assertThat(OneTimePasswords.hotp(key, 20000000000L / 30, 8, "HmacSHA1")).isEqualTo("65353130");
        assertThat(OneTimePasswords.totp(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
    }

    /** What an enrolment page shows is the key in base32, grouped for reading; the app decodes it to the same key. */
    @Test
    void readsTheBase32KeyAnEnrolmentPageShows() {
        assertThat(OneTimePasswords.totpForAppKey("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(OneTimePasswords.totpForAppKey("gezdgnbvgy3tqojqgezdgnbvgy3tqojq", Instant.ofEpochSecond(59))).isEqualTo("287082");
    }
}
