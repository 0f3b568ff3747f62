package org.entrasfo.sfo.face;

/** The head positions a liveness challenge asks for, and how a frame's angles read as one of them. */
public enum HeadPose {
    FRONT, LEFT, RIGHT, UP, DOWN;

    static final HeadPose[] TURNS = {LEFT, RIGHT, UP, DOWN};

    /**
     * The pose one frame shows, or null when the head is between poses (a frame on the way counts for nothing).
     * A turn needs {@code turnDegrees} on one axis and less than half of that on the other, so a diagonal head is no
     * answer to two steps at once.
     */
    static HeadPose of(FrameObservation frame, FaceMatchPolicy policy) {
        double yaw = frame.yawDegrees();
        double pitch = frame.pitchDegrees();
        double turn = policy.turnDegrees();
        double front = policy.frontDegrees();
        if (Math.abs(yaw) <= front && Math.abs(pitch) <= front) {
            return FRONT;
        }
        if (Math.abs(yaw) >= turn && Math.abs(pitch) < turn / 2) {
            return yaw < 0 ? LEFT : RIGHT;
        }
        if (Math.abs(pitch) >= turn && Math.abs(yaw) < turn / 2) {
            return pitch < 0 ? DOWN : UP;
        }
        return null;
    }
}
