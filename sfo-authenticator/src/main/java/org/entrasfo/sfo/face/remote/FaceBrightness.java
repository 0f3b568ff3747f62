package org.entrasfo.sfo.face.remote;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.entrasfo.sfo.face.FaceFrame;

/**
 * The mean luminance of a face's box, 0 (black) to 1 (white), measured here rather than by the engine: CompreFace
 * reports no brightness, and one measure for every engine keeps "too dark" the same rule everywhere. The frame passed
 * {@code FaceFrames} (a JPEG of at most 1920 pixels a side), so decoding it is bounded.
 */
final class FaceBrightness {

    /** Enough samples for a mean, few enough to cost nothing next to the engine's work. */
    private static final int SAMPLES_PER_SIDE = 64;

    private FaceBrightness() {
    }

    static double of(FaceFrame frame, DetectedFace face) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(frame.jpeg()));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        if (image == null) {
            return 0;
        }
        int x0 = clamp(face == null ? 0 : face.xMin(), image.getWidth());
        int y0 = clamp(face == null ? 0 : face.yMin(), image.getHeight());
        int x1 = clamp(face == null ? image.getWidth() : face.xMax(), image.getWidth());
        int y1 = clamp(face == null ? image.getHeight() : face.yMax(), image.getHeight());
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        int stepX = Math.max(1, (x1 - x0) / SAMPLES_PER_SIDE);
        int stepY = Math.max(1, (y1 - y0) / SAMPLES_PER_SIDE);
        double sum = 0;
        long count = 0;
        for (int y = y0; y < y1; y += stepY) {
            for (int x = x0; x < x1; x += stepX) {
                int rgb = image.getRGB(x, y);
                // ITU-R BT.601 luma, the weights JPEG's own colour transform uses.
                sum += 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                count++;
            }
        }
        return sum / count / 255.0;
    }

    private static int clamp(int value, int size) {
        return Math.max(0, Math.min(size, value));
    }
}
