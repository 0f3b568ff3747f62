package org.entrasfo.sfo.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.entrasfo.sfo.face.FaceFrames.FrameRejectedException;
import org.junit.jupiter.api.Test;

class FaceFramesTest {

    @Test
    void acceptsWebcamSizedJpegsAndKnowsTheirDimensions() throws IOException {
        List<FaceFrame> frames = FaceFrames.accept(List.of(jpeg(640, 480), jpeg(480, 640)), FrameLimits.DEFAULTS);

        assertThat(frames).extracting(FaceFrame::width).containsExactly(640, 480);
        assertThat(frames).extracting(FaceFrame::height).containsExactly(480, 640);
    }

    @Test
    void refusesAJpegWhoseHeaderClaimsAHugeImageBeforeDecodingIt() throws IOException {
        byte[] bomb = withClaimedSize(jpeg(640, 480), 65000, 65000);

        assertThatThrownBy(() -> FaceFrames.accept(List.of(bomb), FrameLimits.DEFAULTS))
                .isInstanceOf(FrameRejectedException.class).hasMessageContaining("65000x65000");
    }

    @Test
    void refusesAnythingButJpeg() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png", png);

        assertThatThrownBy(() -> FaceFrames.accept(List.of(png.toByteArray()), FrameLimits.DEFAULTS))
                .isInstanceOf(FrameRejectedException.class).hasMessage("frame is not a JPEG");
    }

    @Test
    void refusesATruncatedJpeg() throws IOException {
        byte[] truncated = java.util.Arrays.copyOf(jpeg(640, 480), 40);

        assertThatThrownBy(() -> FaceFrames.accept(List.of(truncated), FrameLimits.DEFAULTS))
                .isInstanceOf(FrameRejectedException.class);
    }

    @Test
    void refusesMoreFramesThanTheLimit() throws IOException {
        List<byte[]> thirteen = Collections.nCopies(13, jpeg(640, 480));

        assertThatThrownBy(() -> FaceFrames.accept(thirteen, FrameLimits.DEFAULTS))
                .isInstanceOf(FrameRejectedException.class).hasMessage("more than 12 frames");
    }

    @Test
    void refusesAFrameOverTheByteLimit() throws IOException {
        FrameLimits oneKilobyte = FrameLimits.of(Map.of("faceMaxFrameKilobytes", "1"));

        assertThatThrownBy(() -> FaceFrames.accept(List.of(noisyJpeg(640, 480)), oneKilobyte))
                .isInstanceOf(FrameRejectedException.class).hasMessageContaining("over 1024 bytes");
    }

    @Test
    void refusesAFrameTooSmallToHoldAComparableFace() throws IOException {
        assertThatThrownBy(() -> FaceFrames.accept(List.of(jpeg(160, 120)), FrameLimits.DEFAULTS))
                .isInstanceOf(FrameRejectedException.class).hasMessageContaining("160x120");
    }

    @Test
    void refusesNoFramesAndEmptyFrames() {
        assertThatThrownBy(() -> FaceFrames.accept(List.of(), FrameLimits.DEFAULTS)).isInstanceOf(FrameRejectedException.class);
        assertThatThrownBy(() -> FaceFrames.accept(List.of(new byte[0]), FrameLimits.DEFAULTS)).isInstanceOf(FrameRejectedException.class);
    }

    @Test
    void aFrameNeverPrintsItsBytes() throws IOException {
        FaceFrame frame = FaceFrames.accept(List.of(jpeg(640, 480)), FrameLimits.DEFAULTS).get(0);

        assertThat(frame.toString()).matches("FaceFrame\\[640x480, \\d+ bytes]");
    }

    static byte[] jpeg(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        return out.toByteArray();
    }

    private static byte[] noisyJpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** Rewrites the baseline start-of-frame segment's height and width, as a decompression bomb would claim. */
    private static byte[] withClaimedSize(byte[] jpeg, int width, int height) {
        byte[] patched = jpeg.clone();
        for (int i = 2; i + 8 < patched.length; i++) {
            if ((patched[i] & 0xff) == 0xff && (patched[i + 1] & 0xff) == 0xc0) {
                patched[i + 5] = (byte) (height >> 8);
                patched[i + 6] = (byte) height;
                patched[i + 7] = (byte) (width >> 8);
                patched[i + 8] = (byte) width;
                return patched;
            }
        }
        throw new IllegalStateException("no baseline SOF0 segment");
    }
}
