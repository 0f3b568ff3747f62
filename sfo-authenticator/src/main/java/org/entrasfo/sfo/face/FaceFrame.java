package org.entrasfo.sfo.face;

import java.util.Arrays;

/**
 * One camera frame as the browser sent it: JPEG bytes whose size and dimensions {@link FaceFrames} has checked. Frames
 * live only for one verification; they are never stored (issue: raw frames are never kept).
 */
public final class FaceFrame {

    private final byte[] jpeg;
    private final int width;
    private final int height;

    FaceFrame(byte[] jpeg, int width, int height) {
        this.jpeg = jpeg.clone();
        this.width = width;
        this.height = height;
    }

    public byte[] jpeg() {
        return jpeg.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int size() {
        return jpeg.length;
    }

    @Override
    public String toString() {
        // Never the bytes: a frame is biometric data and must not reach a log.
        return "FaceFrame[" + width + "x" + height + ", " + jpeg.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FaceFrame frame && Arrays.equals(jpeg, frame.jpeg);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(jpeg);
    }
}
