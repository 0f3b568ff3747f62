package org.entrasfo.sfo.push.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.entrasfo.sfo.push.NumberMatching;
import org.entrasfo.sfo.push.enrolment.PushEnrolments;

import org.junit.jupiter.api.Test;

class PushChallengeTest {

    @Test
    void survivesTheSingleUseStoreUnchanged() {
        PushChallenge challenge = new PushChallenge("c1", "realm", "user", "root", "tab", "client", null, "App", "Org",
                null, "203.0.113.0/24", 42, List.of(17, 42, 88), NumberMatching.TYPE, "watch", 100, 220);

        assertThat(PushChallenge.fromNotes("c1", challenge.toNotes())).isEqualTo(challenge);
    }

    @Test
    void belongsOnlyToTheAuthSessionThatMadeIt() {
        PushChallenge challenge = new PushChallenge("c1", "realm", "user", "root", "tab", "client", "crid", "App", "Org",
                "tid", null, 42, List.of(17, 42, 88), NumberMatching.CHOOSE, "watch", 100, 220);

        assertThat(challenge.belongsTo("root", "tab")).isTrue();
        assertThat(challenge.belongsTo("root", "other-tab")).isFalse();
        assertThat(challenge.belongsTo("other-root", "tab")).isFalse();
        assertThat(PushChallenges.watchedBy(challenge, "watch")).isTrue();
        assertThat(PushChallenges.watchedBy(challenge, "guess")).isFalse();
        assertThat(PushChallenges.watchedBy(challenge, null)).isFalse();
    }

    @Test
    void typedEnrolmentCodesAreReadForgivingly() {
        assertThat(PushEnrolments.normalise(" abcde-fgh2j ")).isEqualTo("ABCDEFGH2J");
    }
}
