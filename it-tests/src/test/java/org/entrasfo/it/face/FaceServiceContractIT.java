package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.it.support.FaceServiceUnderTest;
import org.entrasfo.sfo.face.FaceEngine;
import org.entrasfo.sfo.face.FaceEngineUnavailableException;
import org.entrasfo.sfo.face.FaceFrame;
import org.entrasfo.sfo.face.FaceFrames;
import org.entrasfo.sfo.face.FaceTemplate;
import org.entrasfo.sfo.face.FrameLimits;
import org.entrasfo.sfo.face.FrameObservation;
import org.entrasfo.sfo.face.remote.RemoteEngineSettings;
import org.entrasfo.sfo.face.remote.RemoteFaceEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The factor's remote engine client against the real built-in face service and its real models, on the sample
 * photographs: one client speaks the service's CompreFace API, counts faces, measures head pose and brightness, and
 * compares with the template it made, at the threshold docs/face-engine.md measured.
 */
class FaceServiceContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The factor's limits with room for the sample photographs (up to 300 KB, 1920 pixels a side). */
    private static final FrameLimits LIMITS = new FrameLimits(12, 1024 * 1024, 12 * 1024 * 1024, 240, 1920);
    private static FaceServiceUnderTest service;
    private static CloseableHttpClient http;

    @BeforeAll
    static void start() {
        service = FaceServiceUnderTest.get();
        http = HttpClients.createDefault();
    }

    @AfterAll
    static void stop() throws IOException {
        http.close();
    }

    @Test
    void countsEveryFaceOfAGroupPhotograph() throws IOException {
        List<FrameObservation> seen = engine(service.apiKey()).observe(frames(sample("sample2.jpg")), Optional.empty());

        assertThat(seen.get(0).faces()).isEqualTo(3);
    }

    @Test
    void theEnrolledPersonMatchesInDimmerLightAndAnotherPersonDoesNot() throws IOException {
        byte[] photo = sample("sample1.jpg");
        List<int[]> boxes = boxes(photo);
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(2);
        byte[] alice = crop(photo, boxes.get(0), 1.0f);
        byte[] aliceDimmer = crop(photo, boxes.get(0), 0.6f);
        byte[] bob = crop(photo, boxes.get(1), 1.0f);
        FaceEngine engine = engine(service.apiKey());

        FaceTemplate template = engine.template(frames(alice));
        List<FrameObservation> seen = engine.observe(frames(aliceDimmer, bob), Optional.of(template));

        assertThat(template.engineId()).isEqualTo(RemoteEngineSettings.BUILT_IN_ENGINE_ID);
        assertThat(seen).extracting(FrameObservation::faces).containsExactly(1, 1);
        assertThat(seen.get(0).similarity().getAsDouble()).isGreaterThanOrEqualTo(0.70);
        assertThat(seen.get(1).similarity().getAsDouble()).isLessThan(0.70);
        assertThat(Math.abs(seen.get(0).yawDegrees())).isLessThan(90);
        assertThat(seen.get(0).brightness()).isBetween(0.0, 1.0);
    }

    @Test
    void aFrameWithoutAFaceIsZeroFacesNotAnError() throws IOException {
        BufferedImage grey = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grey.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 640, 480);
        g.dispose();

        List<FrameObservation> seen = engine(service.apiKey()).observe(frames(jpeg(grey)), Optional.empty());

        assertThat(seen.get(0).faces()).isZero();
    }

    @Test
    void theServiceRefusesAClientWithoutItsKeyAndTheFactorCallsThatUnavailable() throws IOException {
        FaceEngine stranger = engine("someone-elses-key-0123456789");

        assertThatThrownBy(() -> stranger.observe(frames(sample("sample2.jpg")), Optional.empty()))
                .isInstanceOf(FaceEngineUnavailableException.class)
                .hasMessageContaining("401")
                .hasMessageNotContaining("someone-elses-key");
    }

    private static FaceEngine engine(String key) {
        return RemoteFaceEngine.over(http, new RemoteEngineSettings(service.baseUrl(), key, key, RemoteEngineSettings.BUILT_IN_ENGINE_ID),
                HttpTimeouts.ofMillis(2_000, 30_000));
    }

    private static List<FaceFrame> frames(byte[]... jpegs) {
        return FaceFrames.accept(List.of(jpegs), LIMITS);
    }

    private static byte[] sample(String name) throws IOException {
        return Files.readAllBytes(FaceServiceUnderTest.SAMPLES.resolve(name));
    }

    /** The faces' boxes, asked of the service directly: only to cut the test's frames, not part of what is tested. */
    private static List<int[]> boxes(byte[] photo) throws IOException {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            service.baseUrl().resolve("/api/v1/detection/detect"))
                    .header("x-api-key", service.apiKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("file", Base64.getEncoder().encodeToString(photo))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode face : JSON.readTree(answer.body()).path("result")) {
                JsonNode box = face.path("box");
                boxes.add(new int[] {box.path("x_min").asInt(), box.path("y_min").asInt(), box.path("x_max").asInt(), box.path("y_max").asInt()});
            }
            boxes.sort((a, b) -> (b[2] - b[0]) - (a[2] - a[0]));
            return boxes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A webcam-like 640x480 frame around one face, its light scaled by {@code light}. */
    private static byte[] crop(byte[] photo, int[] box, float light) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(photo));
        int width = (int) ((box[2] - box[0]) * 2.4);
        int height = width * 3 / 4;
        int x = Math.max(0, (box[0] + box[2]) / 2 - width / 2);
        int y = Math.max(0, (box[1] + box[3]) / 2 - height / 2);
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.drawImage(source, 0, 0, 640, 480, x, y, Math.min(source.getWidth(), x + width), Math.min(source.getHeight(), y + height), null);
        g.dispose();
        BufferedImage lit = new RescaleOp(light, 0, null).filter(frame, null);
        return jpeg(lit);
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
