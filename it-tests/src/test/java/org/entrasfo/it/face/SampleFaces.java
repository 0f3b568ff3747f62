package org.entrasfo.it.face;

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

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.it.support.FaceServiceUnderTest;

/**
 * Webcam-like frames of single faces cut from the sample photographs (docs/face-engine.md, "The labelled set"): the
 * face service finds the faces' boxes, and each frame is a 640x480 picture around one of them.
 */
final class SampleFaces {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleFaces() {
    }

    static byte[] photo(String name) throws IOException {
        return Files.readAllBytes(FaceServiceUnderTest.samplePhoto(name));
    }

    /** The faces the service finds in a photograph, with their boxes and head pose in degrees. */
    static JsonNode detect(FaceServiceUnderTest service, byte[] photo) throws IOException {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            service.baseUrl().resolve("/api/v1/detection/detect?face_plugins=pose"))
                    .header("x-api-key", service.apiKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("file", Base64.getEncoder().encodeToString(photo))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body()).path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The faces' boxes (x_min, y_min, x_max, y_max), biggest first, asked of the service directly. */
    static List<int[]> boxes(FaceServiceUnderTest service, byte[] photo) throws IOException {
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

    /** A 640x480 picture around one face, its light scaled by {@code light}. */
    static BufferedImage around(byte[] photo, int[] box, float light) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(photo));
        int width = (int) ((box[2] - box[0]) * 2.4);
        int height = width * 3 / 4;
        int x = Math.max(0, (box[0] + box[2]) / 2 - width / 2);
        int y = Math.max(0, (box[1] + box[3]) / 2 - height / 2);
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.drawImage(source, 0, 0, 640, 480, x, y, Math.min(source.getWidth(), x + width), Math.min(source.getHeight(), y + height), null);
        g.dispose();
        return new RescaleOp(light, 0, null).filter(frame, null);
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
