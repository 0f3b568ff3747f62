package org.entrasfo.sfo.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class NumberMatchingTest {

    @RepeatedTest(50)
    void offersTheRightNumberAndTwoOtherTwoDigitNumbers() {
        int number = NumberMatching.newNumber();
        List<Integer> choices = NumberMatching.choicesFor(number);
        assertThat(choices).hasSize(3).doesNotHaveDuplicates().contains(number)
                .allSatisfy(choice -> assertThat(choice).isBetween(10, 99));
    }

    @Test
    void choosingIsTheDefaultAndCannotBeTurnedOff() {
        assertThat(NumberMatching.of(null)).isEqualTo(NumberMatching.CHOOSE);
        assertThat(NumberMatching.of("off")).isEqualTo(NumberMatching.CHOOSE);
        assertThat(NumberMatching.of(" Type ")).isEqualTo(NumberMatching.TYPE);
    }
}
