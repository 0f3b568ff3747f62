package org.entrasfo.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeCameraTest {

    @Test
    void writesAYuv4mpeg2FileChromiumCanPlayFrameByFrame(@TempDir Path dir) throws IOException {
        Path film = FakeCamera.write(dir.resolve("camera.y4m"), List.of(
                new FakeCamera.Shot(filled(Color.WHITE, 320, 240), 3), new FakeCamera.Shot(filled(Color.BLACK, 1280, 960), 2)));

        byte[] bytes = Files.readAllBytes(film);
        String header = "YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n";
        int frame = "FRAME\n".length() + 640 * 480 * 3 / 2;
        assertThat(new String(bytes, 0, header.length(), StandardCharsets.US_ASCII)).isEqualTo(header);
        assertThat(bytes).hasSize(header.length() + 5 * frame);
        // White then black in the luma plane; neutral chroma for grey levels.
        int firstLuma = header.length() + "FRAME\n".length();
        assertThat(bytes[firstLuma] & 0xff).isEqualTo(255);
        assertThat(bytes[firstLuma + 640 * 480] & 0xff).isEqualTo(128);
        assertThat(bytes[firstLuma + 3 * frame] & 0xff).isZero();
    }

    private static BufferedImage filled(Color color, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }
}
