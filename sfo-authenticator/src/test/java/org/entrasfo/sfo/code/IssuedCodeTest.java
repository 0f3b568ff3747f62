package org.entrasfo.sfo.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IssuedCodeTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void issuesDecimalCodesOfTheConfiguredLength() {
        IssuedCode.Issued issued = IssuedCode.issue(8, NOW.plusSeconds(300));

        assertThat(issued.plainCode()).matches("\\d{8}");
    }

    @Test
    void keepsOnlyASaltedHashNeverTheCode() {
        IssuedCode.Issued first = IssuedCode.issue(6, NOW.plusSeconds(300));
        IssuedCode.Issued second = IssuedCode.issue(6, NOW.plusSeconds(300));

        assertThat(first.stored().toString()).doesNotContain(first.plainCode());
        assertThat(first.stored().salt()).isNotEqualTo(second.stored().salt());
    }

    @Test
    void acceptsTheCodeAsTypedWithSpacesOrDashes() {
        IssuedCode.Issued issued = IssuedCode.issue(6, NOW.plusSeconds(300));
        String code = issued.plainCode();

        assertThat(issued.stored().matches(code)).isTrue();
        assertThat(issued.stored().matches(code.substring(0, 3) + " " + code.substring(3))).isTrue();
        assertThat(issued.stored().matches(code.substring(0, 3) + "-" + code.substring(3))).isTrue();
    }

    @Test
    void refusesAnyOtherCode() {
        IssuedCode.Issued issued = IssuedCode.issue(6, NOW.plusSeconds(300));
        String other = issued.plainCode().equals("123456") ? "654321" : "123456";

        assertThat(issued.stored().matches(other)).isFalse();
        assertThat(issued.stored().matches("")).isFalse();
        assertThat(issued.stored().matches(null)).isFalse();
    }

    @Test
    void expiresAtItsDeadline() {
        IssuedCode stored = IssuedCode.issue(6, NOW.plusSeconds(300)).stored();

        assertThat(stored.isExpired(NOW.plusSeconds(299))).isFalse();
        assertThat(stored.isExpired(NOW.plusSeconds(300))).isTrue();
    }

    @Test
    void isNamedInSharedStoresWithoutItsSalt() {
        IssuedCode stored = IssuedCode.issue(6, NOW.plusSeconds(300)).stored();
        IssuedCode other = IssuedCode.issue(6, NOW.plusSeconds(300)).stored();

        assertThat(stored.id()).isEqualTo(stored.id()).isNotEqualTo(other.id());
        assertThat(stored.id()).doesNotContain(stored.salt()).doesNotContain(stored.hash());
    }

    @Test
    void tellsHowLongItCanStillBeUsed() {
        IssuedCode stored = IssuedCode.issue(6, NOW.plusSeconds(300)).stored();

        assertThat(stored.secondsLeft(NOW.plusSeconds(100))).isEqualTo(200);
        assertThat(stored.secondsLeft(NOW.plusSeconds(400))).as("never a lifespan the store refuses").isEqualTo(1);
    }

    @Test
    void drawsCodesFromTheWholeRange() {
        Set<Character> firstDigits = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            firstDigits.add(IssuedCode.issue(6, NOW.plusSeconds(300)).plainCode().charAt(0));
        }
        assertThat(firstDigits).hasSize(10);
    }
}
