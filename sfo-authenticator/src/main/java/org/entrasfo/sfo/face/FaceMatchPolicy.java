package org.entrasfo.sfo.face;

/**
 * The numbers the decision uses. The match threshold is the engine's similarity at which docs/face-engine.md measured
 * its false match and false non-match rates; the others bound what counts as a usable, frontal or turned frame.
 *
 * @param matchThreshold      the frontal frames' median similarity must reach this
 * @param continuityThreshold every frame, turned ones too, must reach this, so the face cannot change mid-challenge
 * @param minBrightness       below this mean face luminance a frame is too dark to judge
 * @param frontDegrees        within this on both axes a head faces the camera
 * @param turnDegrees         from this on one axis a head is turned
 */
public record FaceMatchPolicy(double matchThreshold, double continuityThreshold, double minBrightness,
                              double frontDegrees, double turnDegrees) {

    /**
     * The built-in engine's threshold: 0.70, above the highest similarity of two different people measured (0.59), with
     * the margin docs/face-engine.md explains; bounds for a 640x480 webcam frame.
     */
    public static final FaceMatchPolicy BUILT_IN = new FaceMatchPolicy(0.70, 0.50, 0.20, 10, 20);

    /**
     * A site's CompreFace: its similarity is calibrated so that most same-person pairs score above 0.5 and most
     * different-person pairs below, and its documentation advises more than 0.5 for high-security systems. A second
     * factor is one, so the frontal frames must reach 0.85 and every frame at least CompreFace's own boundary, 0.5.
     * Not measured here (no CompreFace runs in this build): a site re-measures on its own model and captures.
     */
    public static final FaceMatchPolicy COMPREFACE = new FaceMatchPolicy(0.85, 0.50, 0.20, 10, 20);

    /** The same bounds with an admin's match threshold; refused when it would fall below the continuity threshold. */
    public FaceMatchPolicy withMatchThreshold(double threshold) {
        return new FaceMatchPolicy(threshold, continuityThreshold, minBrightness, frontDegrees, turnDegrees);
    }

    public FaceMatchPolicy {
        if (!(continuityThreshold <= matchThreshold && matchThreshold <= 1 && continuityThreshold > 0)
                || minBrightness < 0 || frontDegrees <= 0 || turnDegrees <= frontDegrees) {
            throw new IllegalArgumentException("inconsistent face match policy");
        }
    }
}
