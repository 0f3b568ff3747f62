package org.entrasfo.sfo.face;

import java.util.OptionalDouble;

/**
 * What an engine saw in one frame.
 *
 * @param faces      how many faces it found
 * @param brightness mean luminance of the face (or of the frame when there is no face), 0 (black) to 1 (white)
 * @param yawDegrees where the head points left or right: negative when the person turns to their left
 * @param pitchDegrees where the head points up or down: negative when the person looks down
 * @param similarity to the enrolled template, 0 to 1, when one was given and the frame holds exactly one face
 */
public record FrameObservation(int faces, double brightness, double yawDegrees, double pitchDegrees, OptionalDouble similarity) {

    public FrameObservation {
        if (faces < 0) {
            throw new IllegalArgumentException("faces < 0");
        }
        similarity = similarity == null ? OptionalDouble.empty() : similarity;
    }
}
