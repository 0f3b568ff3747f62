package org.entrasfo.broker.hint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** One byte string, one spelling: what the hint's parts must be so that a re-spelled hint cannot look new. */
class CanonicalBase64UrlTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void acceptsTheUnpaddedUrlSafeSpellingOfBytesOfEveryLength() {
        Random random = new Random(42);
        for (int length = 0; length <= 600; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String spelled = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

            assertThat(CanonicalBase64Url.decode(spelled)).as("length %d", length).hasValueSatisfying(
                    decoded -> assertThat(decoded).isEqualTo(bytes));
        }
    }

    @Test
    void acceptsExactlyOneLastCharacterForEveryOneAndTwoByteString() {
        for (int value = 0; value < 1 << 16; value++) {
            byte[] two = {(byte) (value >> 8), (byte) value};
            assertThat(acceptedLastCharacters(two)).as("bytes %04x", value).isEqualTo(1);
        }
        for (int value = 0; value < 1 << 8; value++) {
            assertThat(acceptedLastCharacters(new byte[] {(byte) value})).as("byte %02x", value).isEqualTo(1);
        }
    }

    @Test
    void refusesAnImpossibleLength() {
        assertThat(CanonicalBase64Url.decode("A")).isEmpty();
        assertThat(CanonicalBase64Url.decode("AAAAA")).isEmpty();
    }

    @Test
    void refusesPaddingTheStandardAlphabetAndAnyOtherCharacter() {
        assertThat(CanonicalBase64Url.decode("AA==")).isEmpty();
        assertThat(CanonicalBase64Url.decode("AAA=")).isEmpty();
        assertThat(CanonicalBase64Url.decode("+/+/")).isEmpty();
        for (char stray : " \t\r\n\0.=%*~!\u00a0\u00e9\u200b\ufeff\uff21\u0663".toCharArray()) {
            assertThat(CanonicalBase64Url.decode("AAAA" + stray + "AAAA")).as("U+%04X", (int) stray).isEmpty();
        }
    }

    /** How many of the 64 possible last characters spell these bytes canonically. */
    private static int acceptedLastCharacters(byte[] bytes) {
        String spelled = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String head = spelled.substring(0, spelled.length() - 1);
        int accepted = 0;
        for (char last : ALPHABET.toCharArray()) {
            if (CanonicalBase64Url.decode(head + last).filter(decoded -> Arrays.equals(decoded, bytes)).isPresent()) {
                accepted++;
            }
        }
        return accepted;
    }
}
