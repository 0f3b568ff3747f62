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

    public FaceMatchPolicy {
        if (!(continuityThreshold <= matchThreshold && matchThreshold <= 1 && continuityThreshold > 0)
                || minBrightness < 0 || frontDegrees <= 0 || turnDegrees <= frontDegrees) {
            throw new IllegalArgumentException("inconsistent face match policy");
        }
    }
}
