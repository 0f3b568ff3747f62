package org.entrasfo.sfo.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class FaceDecisionTest {

    private static final FaceMatchPolicy POLICY = FaceMatchPolicy.BUILT_IN;
    private static final FaceChallenge LEFT_THEN_UP = new FaceChallenge(List.of(HeadPose.LEFT, HeadPose.UP));

    @Test
    void theEnrolledFaceFollowingTheChallengeIsAccepted() {
        FaceVerdict verdict = FaceDecision.verification(LEFT_THEN_UP,
                List.of(frame(0, 0, 0.86), frame(-30, 0, 0.74), frame(0, 0, 0.9), frame(0, 30, 0.7)), POLICY);

        assertThat(verdict.accepted()).isTrue();
    }

    @Test
    void anotherPersonFollowingTheChallengeIsRefusedAndItCounts() {
        FaceVerdict verdict = FaceDecision.verification(LEFT_THEN_UP,
                List.of(frame(0, 0, 0.59), frame(-30, 0, 0.55), frame(0, 30, 0.52)), POLICY);

        assertThat(verdict.refusal()).contains(FaceRefusal.NO_MATCH);
        assertThat(FaceRefusal.NO_MATCH.countsAsFailure()).isTrue();
    }

    @Test
    void aPhotoOfTheUserForTheFrontalFrameAndAnotherHeadForTheTurnsIsRefused() {
        FaceVerdict verdict = FaceDecision.verification(LEFT_THEN_UP,
                List.of(frame(0, 0, 0.95), frame(-30, 0, 0.31), frame(0, 30, 0.28)), POLICY);

        assertThat(verdict.refusal()).contains(FaceRefusal.NO_MATCH);
    }

    @Test
    void aStillImageOfTheUserIsRefusedForNotFollowingTheChallengeAndItCounts() {
        FaceVerdict verdict = FaceDecision.verification(LEFT_THEN_UP,
                List.of(frame(0, 0, 0.97), frame(0, 0, 0.97), frame(0, 0, 0.97)), POLICY);

        assertThat(verdict.refusal()).contains(FaceRefusal.CHALLENGE_NOT_FOLLOWED);
        assertThat(FaceRefusal.CHALLENGE_NOT_FOLLOWED.countsAsFailure()).isTrue();
    }

    @Test
    void framesWithoutASimilarityNeverMatch() {
        FrameObservation unknown = new FrameObservation(1, 0.5, 0, 0, OptionalDouble.empty());
        FaceVerdict verdict = FaceDecision.verification(LEFT_THEN_UP,
                List.of(unknown, frame(-30, 0, 0.9), frame(0, 30, 0.9)), POLICY);

        assertThat(verdict.refusal()).contains(FaceRefusal.NO_MATCH);
    }

    @Test
    void captureProblemsAreNamedAndDoNotCountAsAttempts() {
        assertThat(FaceDecision.verification(LEFT_THEN_UP, List.of(new FrameObservation(0, 0.5, 0, 0, null)), POLICY).refusal())
                .contains(FaceRefusal.NO_FACE);
        assertThat(FaceDecision.verification(LEFT_THEN_UP, List.of(new FrameObservation(2, 0.5, 0, 0, null)), POLICY).refusal())
                .contains(FaceRefusal.SEVERAL_FACES);
        assertThat(FaceDecision.verification(LEFT_THEN_UP, List.of(new FrameObservation(1, 0.05, 0, 0, OptionalDouble.of(0.9))), POLICY).refusal())
                .contains(FaceRefusal.TOO_DARK);
        assertThat(List.of(FaceRefusal.NO_FACE, FaceRefusal.SEVERAL_FACES, FaceRefusal.TOO_DARK))
                .noneMatch(FaceRefusal::countsAsFailure);
    }

    @Test
    void noFramesIsNoFace() {
        assertThat(FaceDecision.verification(LEFT_THEN_UP, List.of(), POLICY).refusal()).contains(FaceRefusal.NO_FACE);
    }

    @Test
    void enrolmentNeedsOneLitFaceInEveryFrameAndOneFrontalFrame() {
        assertThat(FaceDecision.enrolment(List.of(frame(0, 0, 0), frame(-30, 0, 0)), POLICY).accepted()).isTrue();
        assertThat(FaceDecision.enrolment(List.of(frame(-30, 0, 0), frame(30, 0, 0)), POLICY).accepted()).isFalse();
        assertThat(FaceDecision.enrolment(List.of(frame(0, 0, 0), new FrameObservation(2, 0.5, 0, 0, null)), POLICY).refusal())
                .contains(FaceRefusal.SEVERAL_FACES);
    }

    private static FrameObservation frame(double yaw, double pitch, double similarity) {
        return new FrameObservation(1, 0.5, yaw, pitch, OptionalDouble.of(similarity));
    }
}
