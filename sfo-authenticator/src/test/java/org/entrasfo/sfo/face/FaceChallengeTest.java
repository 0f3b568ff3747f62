package org.entrasfo.sfo.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FaceChallengeTest {

    private static final FaceMatchPolicy POLICY = FaceMatchPolicy.BUILT_IN;

    @Test
    void drawsEveryOneOfTheThirtySixThreeTurnSequences() {
        Random random = new Random(42);
        Set<List<HeadPose>> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            seen.add(FaceChallenge.random(3, random).turns());
        }

        // 4 first turns, then 3 each: a replayed capture answers one challenge in 36.
        assertThat(seen).hasSize(36);
        assertThat(seen).allSatisfy(turns -> assertThat(turns).doesNotContain(HeadPose.FRONT));
    }

    @Test
    void neverAsksForTheSameTurnTwiceInARow() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            List<HeadPose> turns = FaceChallenge.random(5, random).turns();
            for (int k = 1; k < turns.size(); k++) {
                assertThat(turns.get(k)).isNotEqualTo(turns.get(k - 1));
            }
        }
        assertThatThrownBy(() -> new FaceChallenge(List.of(HeadPose.LEFT, HeadPose.LEFT))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void survivesTheTripThroughTheAuthenticationSession() {
        FaceChallenge challenge = new FaceChallenge(List.of(HeadPose.LEFT, HeadPose.UP, HeadPose.RIGHT));

        assertThat(FaceChallenge.decode(challenge.encoded())).isEqualTo(challenge);
    }

    @Test
    void isFollowedByFrontThenTheTurnsInOrderWithPausesBetween() {
        FaceChallenge challenge = new FaceChallenge(List.of(HeadPose.LEFT, HeadPose.UP));

        assertThat(challenge.followedBy(List.of(front(), front(), left(), between(), front(), up()), POLICY)).isTrue();
    }

    @Test
    void aStillImageFollowsNoChallenge() {
        FaceChallenge challenge = new FaceChallenge(List.of(HeadPose.RIGHT));

        assertThat(challenge.followedBy(List.of(front(), front(), front(), front()), POLICY)).isFalse();
    }

    @Test
    void aCaptureOfAnotherChallengeDoesNotAnswerThisOne() {
        FaceChallenge challenge = new FaceChallenge(List.of(HeadPose.LEFT, HeadPose.UP));

        assertThat(challenge.followedBy(List.of(front(), up(), left()), POLICY)).isFalse();
        assertThat(challenge.followedBy(List.of(front(), left(), right()), POLICY)).isFalse();
    }

    @Test
    void aCaptureThatRunsThroughEveryTurnAnswersNoChallenge() {
        FaceChallenge challenge = new FaceChallenge(List.of(HeadPose.LEFT, HeadPose.UP));

        assertThat(challenge.followedBy(List.of(front(), left(), up(), right(), down()), POLICY)).isFalse();
        assertThat(challenge.followedBy(List.of(front(), down(), left(), up()), POLICY)).isFalse();
    }

    @Test
    void theTurnsWithoutTheFrontalLookFirstAreNoAnswer() {
        FaceChallenge challenge = new FaceChallenge(List.of(HeadPose.LEFT, HeadPose.UP));

        assertThat(challenge.followedBy(List.of(left(), up()), POLICY)).isFalse();
    }

    @Test
    void aDiagonalHeadIsNoTurn() {
        assertThat(HeadPose.of(pose(-30, 30), POLICY)).isNull();
        assertThat(HeadPose.of(pose(-30, 5), POLICY)).isEqualTo(HeadPose.LEFT);
    }

    static FrameObservation pose(double yaw, double pitch) {
        return new FrameObservation(1, 0.5, yaw, pitch, OptionalDouble.of(0.9));
    }

    static FrameObservation front() {
        return pose(0, 0);
    }

    static FrameObservation between() {
        return pose(-15, 0);
    }

    static FrameObservation left() {
        return pose(-30, 0);
    }

    static FrameObservation right() {
        return pose(30, 0);
    }

    static FrameObservation up() {
        return pose(0, 30);
    }

    static FrameObservation down() {
        return pose(0, -30);
    }
}
