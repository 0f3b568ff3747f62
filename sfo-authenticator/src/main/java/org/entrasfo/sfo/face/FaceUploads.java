package org.entrasfo.sfo.face;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The frames as the page posts them: one form value per frame, a {@code data:image/jpeg;base64,} URL (what a canvas
 * gives) or plain Base64. The count and each value's length are checked before anything is decoded, so an oversized
 * post costs no memory beyond what the form already holds; {@link FaceFrames} then checks the JPEGs themselves.
 */
public final class FaceUploads {

    static final String DATA_URL_PREFIX = "data:image/jpeg;base64,";

    private FaceUploads() {
    }

    public static List<byte[]> decode(List<String> values, FrameLimits limits) {
        if (values == null || values.isEmpty()) {
            throw new FaceFrames.FrameRejectedException("no frames");
        }
        if (values.size() > limits.maxFrames()) {
            throw new FaceFrames.FrameRejectedException("more than " + limits.maxFrames() + " frames");
        }
        // Base64 is 4 characters per 3 bytes: a longer value cannot be a frame within the byte limit.
        long maxChars = DATA_URL_PREFIX.length() + 4L * ((limits.maxFrameBytes() + 2) / 3);
        List<byte[]> frames = new ArrayList<>(values.size());
        for (String value : values) {
            if (value == null || value.length() > maxChars) {
                throw new FaceFrames.FrameRejectedException("frame over " + limits.maxFrameBytes() + " bytes");
            }
            String base64 = value.startsWith(DATA_URL_PREFIX) ? value.substring(DATA_URL_PREFIX.length()) : value;
            try {
                frames.add(Base64.getMimeDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw new FaceFrames.FrameRejectedException("frame is not Base64");
            }
        }
        return frames;
    }
}
