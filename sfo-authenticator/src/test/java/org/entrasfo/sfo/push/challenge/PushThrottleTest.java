package org.entrasfo.sfo.push.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PushThrottleTest {

    private static final long NOW = 1_000_000;

    @Test
    void theFirstTwoChallengesGoOutAtOnce() {
        assertThat(PushThrottle.decide(0, NOW, NOW).allowed()).isTrue();
        assertThat(PushThrottle.decide(1, NOW, NOW).allowed()).isTrue();
    }

    @Test
    void eachFurtherChallengeWaitsTwiceAsLong() {
        assertThat(PushThrottle.decide(2, NOW, NOW).waitSeconds()).isEqualTo(5);
        assertThat(PushThrottle.decide(3, NOW, NOW).waitSeconds()).isEqualTo(10);
        assertThat(PushThrottle.decide(4, NOW, NOW).waitSeconds()).isEqualTo(20);
        assertThat(PushThrottle.decide(3, NOW, NOW + 10).allowed()).isTrue();
    }

    @Test
    void afterFiveUnansweredChallengesNoneIsMadeUntilTheWindowHasPassed() {
        PushThrottle.Decision decision = PushThrottle.decide(5, NOW, NOW + 60);
        assertThat(decision.exhausted()).isTrue();
        assertThat(decision.waitSeconds()).isEqualTo(PushThrottle.WINDOW_SECONDS - 60);
    }
}
