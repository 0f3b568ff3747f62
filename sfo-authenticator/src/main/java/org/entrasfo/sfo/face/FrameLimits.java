package org.entrasfo.sfo.face;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/**
 * How many frames of what size Keycloak takes from the browser for one face verification. Frames are untrusted input
 * that Keycloak decodes and forwards, so every value has a default and a ceiling an admin cannot raise it past, and
 * the pixel ceiling is checked from the JPEG header before anything is decoded (a small file can claim a huge image).
 */
public record FrameLimits(int maxFrames, int maxFrameBytes, int maxTotalBytes, int minSide, int maxSide) {

    public static final String MAX_FRAMES = "faceMaxFrames";
    public static final String MAX_FRAME_KILOBYTES = "faceMaxFrameKilobytes";

    static final int DEFAULT_MAX_FRAMES = 12;
    static final int CEILING_MAX_FRAMES = 30;
    static final int DEFAULT_MAX_FRAME_KILOBYTES = 200;
    static final int CEILING_MAX_FRAME_KILOBYTES = 1024;
    /** A face needs some pixels to be compared at all; the engines measured work on 640x480 frames. */
    static final int MIN_SIDE = 240;
    static final int MAX_SIDE = 1920;

    public static final FrameLimits DEFAULTS = of((Map<String, String>) null);

    public FrameLimits {
        if (maxFrames < 1 || maxFrameBytes < 1 || maxTotalBytes < maxFrameBytes || minSide < 1 || maxSide < minSide) {
            throw new IllegalArgumentException("inconsistent frame limits");
        }
    }

    public static FrameLimits of(AuthenticatorConfigModel config) {
        return of(config == null ? null : config.getConfig());
    }

    /** Missing or unreadable values take the default; values beyond the ceiling take the ceiling. */
    public static FrameLimits of(Map<String, String> config) {
        Map<String, String> values = config == null ? Map.of() : config;
        int frames = bounded(values.get(MAX_FRAMES), DEFAULT_MAX_FRAMES, CEILING_MAX_FRAMES);
        int frameBytes = bounded(values.get(MAX_FRAME_KILOBYTES), DEFAULT_MAX_FRAME_KILOBYTES, CEILING_MAX_FRAME_KILOBYTES) * 1024;
        return new FrameLimits(frames, frameBytes, frames * frameBytes, MIN_SIDE, MAX_SIDE);
    }

    private static int bounded(String value, int fallback, int ceiling) {
        try {
            int parsed = Integer.parseInt(value == null ? "" : value.trim());
            return parsed < 1 ? fallback : Math.min(parsed, ceiling);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
