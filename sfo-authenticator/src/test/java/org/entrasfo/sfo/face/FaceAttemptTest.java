package org.entrasfo.sfo.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class FaceAttemptTest {

    private static final FaceTemplate ALICE = new FaceTemplate("test-engine", new byte[] {1, 2, 3});
    private static final String LEFT_UP = new FaceChallenge(List.of(HeadPose.LEFT, HeadPose.UP)).encoded();

    /** An engine that reports what the test says it saw; it counts its calls so a test can prove it was never asked. */
    private static final class ScriptedEngine implements FaceEngine {
        private final List<FrameObservation> seen;
        private final boolean down;
        private int calls;

        ScriptedEngine(boolean down, FrameObservation... seen) {
            this.seen = List.of(seen);
            this.down = down;
        }

        @Override
        public String id() {
            return "test-engine";
        }

        @Override
        public List<FrameObservation> observe(List<FaceFrame> frames, Optional<FaceTemplate> enrolled) {
            calls++;
            if (down) {
                throw new FaceEngineUnavailableException("connection refused");
            }
            return seen.subList(0, frames.size());
        }

        @Override
        public FaceTemplate template(List<FaceFrame> frames) {
            calls++;
            return ALICE;
        }
    }

    @Test
    void theEnrolledFaceFollowingTheServersChallengeIsAccepted() {
        ScriptedEngine engine = new ScriptedEngine(false, front(0.9), left(0.8), front(0.9), up(0.8));

        FaceOutcome outcome = attempt(engine).verify(LEFT_UP, frames(4), ALICE);

        assertThat(outcome.accepted()).isTrue();
    }

    @Test
    void aStillImageOfTheUserCannotFollowTheChallengeAndTheTryCounts() {
        ScriptedEngine engine = new ScriptedEngine(false, front(0.95), front(0.95), front(0.95), front(0.95));

        FaceOutcome outcome = attempt(engine).verify(LEFT_UP, frames(4), ALICE);

        assertThat(outcome.refusal()).contains(FaceRefusal.CHALLENGE_NOT_FOLLOWED);
        assertThat(outcome.countsAsFailure()).isTrue();
    }

    @Test
    void aReplayedCaptureOfAnotherChallengeIsRefused() {
        ScriptedEngine engine = new ScriptedEngine(false, front(0.9), right(0.8), front(0.9), down(0.8));

        FaceOutcome outcome = attempt(engine).verify(LEFT_UP, frames(4), ALICE);

        assertThat(outcome.refusal()).contains(FaceRefusal.CHALLENGE_NOT_FOLLOWED);
    }

    @Test
    void framesPostedWithoutAnOpenChallengeNeverReachTheEngine() {
        ScriptedEngine engine = new ScriptedEngine(false, front(0.9), left(0.8), front(0.9), up(0.8));

        for (String challenge : new String[] {null, "", "SIDEWAYS", "FRONT"}) {
            assertThat(attempt(engine).verify(challenge, frames(4), ALICE).kind()).as(challenge)
                    .isEqualTo(FaceOutcome.Kind.NO_CHALLENGE);
        }
        assertThat(engine.calls).isZero();
    }

    @Test
    void anotherPersonFollowingTheChallengeIsRefusedAndTheTryCounts() {
        ScriptedEngine engine = new ScriptedEngine(false, front(0.4), left(0.35), front(0.4), up(0.38));

        FaceOutcome outcome = attempt(engine).verify(LEFT_UP, frames(4), ALICE);

        assertThat(outcome.refusal()).contains(FaceRefusal.NO_MATCH);
        assertThat(outcome.countsAsFailure()).isTrue();
    }

    @Test
    void captureProblemsAreRefusedWithTheirReasonButDoNotCount() {
        FrameObservation dark = new FrameObservation(1, 0.05, 0, 0, OptionalDouble.of(0.9));
        FrameObservation two = new FrameObservation(2, 0.5, 0, 0, OptionalDouble.empty());
        FrameObservation none = new FrameObservation(0, 0.5, 0, 0, OptionalDouble.empty());

        assertThat(attempt(new ScriptedEngine(false, dark)).verify(LEFT_UP, frames(1), ALICE).refusal()).contains(FaceRefusal.TOO_DARK);
        assertThat(attempt(new ScriptedEngine(false, two)).verify(LEFT_UP, frames(1), ALICE).refusal()).contains(FaceRefusal.SEVERAL_FACES);
        FaceOutcome noFace = attempt(new ScriptedEngine(false, none)).verify(LEFT_UP, frames(1), ALICE);
        assertThat(noFace.refusal()).contains(FaceRefusal.NO_FACE);
        assertThat(noFace.countsAsFailure()).isFalse();
    }

    @Test
    void oversizedForeignOrGarbledFramesAreRefusedBeforeAnyEngineSeesThem() throws IOException {
        ScriptedEngine engine = new ScriptedEngine(false, front(0.9));
        String tooLong = "A".repeat(4 * FrameLimits.DEFAULTS.maxFrameBytes() / 3 + 100);
        String png = Base64.getEncoder().encodeToString(png());

        for (List<String> uploads : List.of(List.of(tooLong), List.of("not base64 !!"), List.of(png), List.<String>of(),
                Collections.nCopies(FrameLimits.DEFAULTS.maxFrames() + 1, jpeg(1)))) {
            FaceOutcome outcome = attempt(engine).verify(LEFT_UP, uploads, ALICE);
            assertThat(outcome.kind()).isEqualTo(FaceOutcome.Kind.FRAMES_REJECTED);
            assertThat(outcome.countsAsFailure()).isFalse();
        }
        assertThat(engine.calls).isZero();
    }

    @Test
    void anEngineThatCannotAnswerIsNoRefusalOfTheFaceAndDoesNotCount() {
        FaceOutcome outcome = attempt(new ScriptedEngine(true)).verify(LEFT_UP, frames(2), ALICE);

        assertThat(outcome.kind()).isEqualTo(FaceOutcome.Kind.ENGINE_UNAVAILABLE);
        assertThat(outcome.countsAsFailure()).isFalse();
    }

    @Test
    void enrolmentMakesATemplateOnlyFromUsableFramesWithAFrontalOne() {
        FaceAttempt.Enrolment good = attempt(new ScriptedEngine(false, front(0), left(0), front(0))).enrol(frames(3));
        FaceAttempt.Enrolment turned = attempt(new ScriptedEngine(false, left(0), up(0))).enrol(frames(2));
        FaceAttempt.Enrolment down = attempt(new ScriptedEngine(true)).enrol(frames(2));

        assertThat(good.outcome().accepted()).isTrue();
        assertThat(good.template()).isEqualTo(ALICE);
        assertThat(good.frames()).isEqualTo(3);
        assertThat(turned.outcome().accepted()).isFalse();
        assertThat(turned.template()).isNull();
        assertThat(down.outcome().kind()).isEqualTo(FaceOutcome.Kind.ENGINE_UNAVAILABLE);
    }

    @Test
    void takesTheCanvasDataUrlAsWellAsPlainBase64() {
        String dataUrl = FaceUploads.DATA_URL_PREFIX + jpeg(7);
        assertThat(FaceUploads.decode(List.of(dataUrl, jpeg(8)), FrameLimits.DEFAULTS)).hasSize(2);
    }

    private static FaceAttempt attempt(FaceEngine engine) {
        return new FaceAttempt(engine, FrameLimits.DEFAULTS, FaceMatchPolicy.BUILT_IN);
    }

    private static FrameObservation front(double similarity) {
        return new FrameObservation(1, 0.5, 0, 0, OptionalDouble.of(similarity));
    }

    private static FrameObservation left(double similarity) {
        return new FrameObservation(1, 0.5, -30, 0, OptionalDouble.of(similarity));
    }

    private static FrameObservation right(double similarity) {
        return new FrameObservation(1, 0.5, 30, 0, OptionalDouble.of(similarity));
    }

    private static FrameObservation up(double similarity) {
        return new FrameObservation(1, 0.5, 0, 30, OptionalDouble.of(similarity));
    }

    private static FrameObservation down(double similarity) {
        return new FrameObservation(1, 0.5, 0, -30, OptionalDouble.of(similarity));
    }

    private static List<String> frames(int count) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(jpeg(i + 1));
        }
        return frames;
    }

    private static String jpeg(int mark) {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(120, 120, 120));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 4 * mark, 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
