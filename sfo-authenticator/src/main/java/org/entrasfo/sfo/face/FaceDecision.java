package org.entrasfo.sfo.face;

import java.util.List;

/**
 * The face factor's decision from an engine's observations. Kept out of the engines so every engine meets the same
 * rules: a usable frame has one well-lit face; a verification follows the server's challenge and shows the enrolled
 * face in every frame (a photo of the user for the frontal frame and the attacker's own head for the turns fails).
 */
public final class FaceDecision {

    private FaceDecision() {
    }

    public static FaceVerdict verification(FaceChallenge challenge, List<FrameObservation> frames, FaceMatchPolicy policy) {
        FaceVerdict usable = usable(frames, policy);
        if (!usable.accepted()) {
            return usable;
        }
        if (!challenge.followedBy(frames, policy)) {
            return FaceVerdict.refused(FaceRefusal.CHALLENGE_NOT_FOLLOWED);
        }
        double[] frontal = frames.stream()
                .filter(frame -> HeadPose.of(frame, policy) == HeadPose.FRONT)
                .mapToDouble(frame -> frame.similarity().orElse(0))
                .sorted().toArray();
        boolean everyFrameIsThem = frames.stream()
                .map(FrameObservation::similarity)
                .allMatch(s -> s.isPresent() && s.getAsDouble() >= policy.continuityThreshold());
        if (!everyFrameIsThem || median(frontal) < policy.matchThreshold()) {
            return FaceVerdict.refused(FaceRefusal.NO_MATCH);
        }
        return FaceVerdict.ACCEPTED;
    }

    /** Enrolment frames: each usable, and at least one frontal, so the template is made from a face seen plainly. */
    public static FaceVerdict enrolment(List<FrameObservation> frames, FaceMatchPolicy policy) {
        FaceVerdict usable = usable(frames, policy);
        if (!usable.accepted()) {
            return usable;
        }
        boolean frontal = frames.stream().anyMatch(frame -> HeadPose.of(frame, policy) == HeadPose.FRONT);
        return frontal ? FaceVerdict.ACCEPTED : FaceVerdict.refused(FaceRefusal.CHALLENGE_NOT_FOLLOWED);
    }

    private static FaceVerdict usable(List<FrameObservation> frames, FaceMatchPolicy policy) {
        if (frames.isEmpty() || frames.stream().anyMatch(frame -> frame.faces() == 0)) {
            return FaceVerdict.refused(FaceRefusal.NO_FACE);
        }
        if (frames.stream().anyMatch(frame -> frame.faces() > 1)) {
            return FaceVerdict.refused(FaceRefusal.SEVERAL_FACES);
        }
        if (frames.stream().anyMatch(frame -> frame.brightness() < policy.minBrightness())) {
            return FaceVerdict.refused(FaceRefusal.TOO_DARK);
        }
        return FaceVerdict.ACCEPTED;
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
