package org.entrasfo.sfo.face.remote;

/**
 * One face as the engine's detection answered it: its box in pixels, its embedding (CompreFace's {@code calculator}
 * plugin) and its head pose in degrees ({@code pose} plugin).
 */
record DetectedFace(int xMin, int yMin, int xMax, int yMax, float[] embedding, double yaw, double pitch) {
}
