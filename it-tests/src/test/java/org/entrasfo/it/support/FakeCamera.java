package org.entrasfo.it.support;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A video file for Chromium's fake camera ({@code --use-fake-device-for-media-stream
 * --use-file-for-fake-video-capture=<file.y4m>}): YUV4MPEG2, 4:2:0, made from still pictures, each shown for a number
 * of frames, so a test can play "a face, then the same face turned" without ffmpeg. Chromium loops the file.
 */
public final class FakeCamera {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    public static final int FRAMES_PER_SECOND = 10;

    /** One picture of the film and how many frames it stays. */
    public record Shot(BufferedImage picture, int frames) {
    }

    private FakeCamera() {
    }

    public static Path write(Path file, List<Shot> shots) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F" + FRAMES_PER_SECOND + ":1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (Shot shot : shots) {
                byte[] frame = i420(scaled(shot.picture()));
                for (int i = 0; i < shot.frames(); i++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(frame);
                }
            }
        }
        return file;
    }

    private static BufferedImage scaled(BufferedImage picture) {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.drawImage(picture, 0, 0, WIDTH, HEIGHT, null);
        g.dispose();
        return frame;
    }

    /** Full-range BT.601 (JPEG's colour transform, as C420jpeg says): a Y plane, then U and V at half size. */
    static byte[] i420(BufferedImage frame) {
        byte[] out = new byte[WIDTH * HEIGHT * 3 / 2];
        int uOffset = WIDTH * HEIGHT;
        int vOffset = uOffset + WIDTH * HEIGHT / 4;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = frame.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                out[y * WIDTH + x] = (byte) clamp(0.299 * r + 0.587 * g + 0.114 * b);
                if (y % 2 == 0 && x % 2 == 0) {
                    int chroma = (y / 2) * (WIDTH / 2) + x / 2;
                    out[uOffset + chroma] = (byte) clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                    out[vOffset + chroma] = (byte) clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
                }
            }
        }
        return out;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
