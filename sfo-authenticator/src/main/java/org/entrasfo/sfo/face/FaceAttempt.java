package org.entrasfo.sfo.face;

import java.util.List;
import java.util.Optional;

/**
 * One verification, server side from end to end: the challenge is the one the server drew for this attempt (the
 * caller uses it up with the first try that counts, so frames that answered it once never meet it again, and keeps it
 * otherwise, so no new draw comes free), the frames pass {@link FaceUploads} and {@link FaceFrames} before any engine sees
 * them, the engine measures, and {@link FaceDecision} decides. Nothing of the frames outlives the call.
 */
public final class FaceAttempt {

    private final FaceEngine engine;
    private final FrameLimits limits;
    private final FaceMatchPolicy policy;

    public FaceAttempt(FaceEngine engine, FrameLimits limits, FaceMatchPolicy policy) {
        this.engine = engine;
        this.limits = limits;
        this.policy = policy;
    }

    /** Verification against the user's enrolled template; {@code challenge} is the server's, or null when none is open. */
    public FaceOutcome verify(String challenge, List<String> uploads, FaceTemplate enrolled) {
        Optional<FaceChallenge> drawn = challengeOf(challenge);
        if (drawn.isEmpty()) {
            return FaceOutcome.of(FaceOutcome.Kind.NO_CHALLENGE, "no open challenge for these frames");
        }
        List<FaceFrame> frames;
        try {
            frames = FaceFrames.accept(FaceUploads.decode(uploads, limits), limits);
        } catch (FaceFrames.FrameRejectedException e) {
            return FaceOutcome.of(FaceOutcome.Kind.FRAMES_REJECTED, "frames refused: " + e.getMessage());
        }
        try {
            FaceVerdict verdict = FaceDecision.verification(drawn.get(), engine.observe(frames, Optional.of(enrolled)), policy);
            return verdict.refusal().map(FaceOutcome::refused).orElseGet(FaceOutcome::success);
        } catch (FaceEngineUnavailableException e) {
            return FaceOutcome.of(FaceOutcome.Kind.ENGINE_UNAVAILABLE, "face engine unavailable: " + e.getMessage());
        }
    }

    /** Enrolment: usable frames with a frontal one make the template; the caller stores it only on success. */
    public Enrolment enrol(List<String> uploads) {
        List<FaceFrame> frames;
        try {
            frames = FaceFrames.accept(FaceUploads.decode(uploads, limits), limits);
        } catch (FaceFrames.FrameRejectedException e) {
            return new Enrolment(FaceOutcome.of(FaceOutcome.Kind.FRAMES_REJECTED, "frames refused: " + e.getMessage()), null, 0);
        }
        try {
            FaceVerdict verdict = FaceDecision.enrolment(engine.observe(frames, Optional.empty()), policy);
            if (!verdict.accepted()) {
                return new Enrolment(FaceOutcome.refused(verdict.refusal().orElseThrow()), null, frames.size());
            }
            return new Enrolment(FaceOutcome.success(), engine.template(frames), frames.size());
        } catch (FaceEngineUnavailableException e) {
            return new Enrolment(FaceOutcome.of(FaceOutcome.Kind.ENGINE_UNAVAILABLE, "face engine unavailable: " + e.getMessage()), null, 0);
        }
    }

    /** An enrolment's outcome and, when accepted, the template to store and how many frames made it. */
    public record Enrolment(FaceOutcome outcome, FaceTemplate template, int frames) {
    }

    private static Optional<FaceChallenge> challengeOf(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FaceChallenge.decode(encoded));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
