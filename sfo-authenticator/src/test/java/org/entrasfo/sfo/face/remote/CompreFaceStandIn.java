package org.entrasfo.sfo.face.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in of the part of Exadel CompreFace's REST API (Base64 form) the remote face engine uses: the
 * detection service with the {@code calculator} and {@code pose} plugins and the verification service's embedding
 * comparison, each with its own {@code x-api-key}, answering in CompreFace's documented JSON, including its "no face"
 * error (HTTP 400, code 28). It cannot see faces: a test tells it which faces an image shows. The one fake here, as
 * with Twilio: a site's CompreFace cannot be run by the tests.
 */
final class CompreFaceStandIn implements AutoCloseable {

    /** A face the stand-in reports for an image. */
    record Face(int xMin, int yMin, int xMax, int yMax, double[] embedding, double yaw, double pitch) {
    }

    /** A request as CompreFace would have received it. */
    record Call(String path, String query, String apiKey) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String detectionKey;
    private final String verificationKey;
    private final HttpServer server;
    private final Map<String, List<Face>> faces = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile String brokenAnswer;
    private volatile boolean busy;

    CompreFaceStandIn(String detectionKey, String verificationKey) throws IOException {
        this.detectionKey = detectionKey;
        this.verificationKey = verificationKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void shows(byte[] image, Face... shown) {
        faces.put(digest(image), List.of(shown));
    }

    void answerSlowly(Duration wait) {
        delay = wait;
    }

    /** Every following answer is this body with HTTP 200: an engine that does not speak CompreFace. */
    void answerWith(String body) {
        brokenAnswer = body;
    }

    /** Every following answer is the built-in face service's when its line of waiting detections is full. */
    void answerBusy() {
        busy = true;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String key = exchange.getRequestHeaders().getFirst("x-api-key");
            calls.add(new Call(uri.getPath(), uri.getRawQuery(), key));
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if (busy) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                send(exchange, 503, error("Face engine busy, try again later", 0));
                return;
            }
            if (brokenAnswer != null) {
                send(exchange, 200, brokenAnswer);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("Method not allowed", 0));
                return;
            }
            switch (uri.getPath()) {
                case "/api/v1/detection/detect" -> detect(exchange, key, JSON.readTree(body), uri.getRawQuery());
                case "/api/v1/verification/embeddings/verify" -> verify(exchange, key, JSON.readTree(body));
                default -> send(exchange, 404, error("Not found", 0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void detect(HttpExchange exchange, String key, JsonNode body, String query) throws IOException {
        if (!detectionKey.equals(key)) {
            send(exchange, 401, error("Missing or wrong x-api-key", 0));
            return;
        }
        List<Face> shown = faces.getOrDefault(digest(Base64.getDecoder().decode(body.path("file").asText())), List.of());
        if (shown.isEmpty()) {
            send(exchange, 400, error("No face is found in the given image", 28));
            return;
        }
        boolean calculator = query != null && query.contains("calculator");
        boolean pose = query != null && query.contains("pose");
        List<Map<String, Object>> result = new ArrayList<>();
        for (Face face : shown) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("box", Map.of("probability", 0.99, "x_min", face.xMin(), "y_min", face.yMin(), "x_max", face.xMax(),
                    "y_max", face.yMax()));
            if (calculator) {
                out.put("embedding", face.embedding());
            }
            if (pose) {
                out.put("pose", Map.of("pitch", face.pitch(), "roll", 0.0, "yaw", face.yaw()));
            }
            result.add(out);
        }
        send(exchange, 200, JSON.writeValueAsString(Map.of("result", result,
                "plugins_versions", Map.of("detector", "facenet.FaceDetector", "calculator", "facenet.Calculator"))));
    }

    private void verify(HttpExchange exchange, String key, JsonNode body) throws IOException {
        if (!verificationKey.equals(key)) {
            send(exchange, 401, error("Missing or wrong x-api-key", 0));
            return;
        }
        double[] source = JSON.treeToValue(body.path("source"), double[].class);
        List<Map<String, Object>> result = new ArrayList<>();
        for (JsonNode target : body.path("targets")) {
            double[] values = JSON.treeToValue(target, double[].class);
            result.add(Map.of("embedding", values, "similarity", cosine(source, values)));
        }
        send(exchange, 200, JSON.writeValueAsString(Map.of("result", result)));
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return Math.round(dot / Math.sqrt(na * nb) * 1e5) / 1e5;
    }

    private static String error(String message, int code) throws IOException {
        return JSON.writeValueAsString(Map.of("message", message, "code", code));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
