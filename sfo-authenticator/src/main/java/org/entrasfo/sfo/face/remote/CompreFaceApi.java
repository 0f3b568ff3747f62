package org.entrasfo.sfo.face.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.sfo.face.FaceEngineUnavailableException;

/**
 * The two calls of CompreFace's REST API (Base64 form) a face engine needs, spoken to the built-in face service or a
 * site's CompreFace: detection with the {@code calculator} (embedding) and {@code pose} plugins, and embedding
 * verification. Anything but a well-formed answer is {@link FaceEngineUnavailableException}: never a refusal of the
 * user's face. Messages name the host and the status, never a key, a frame or an embedding.
 */
final class CompreFaceApi {

    static final String DETECT = "/api/v1/detection/detect?limit=0&det_prob_threshold=0.5&face_plugins=calculator,pose&status=false";
    static final String VERIFY = "/api/v1/verification/embeddings/verify";
    /** CompreFace's error code for "No face is found in the given image" (HTTP 400). */
    static final int NO_FACE_CODE = 28;
    /** An answer of ten faces with 1024-value embeddings is about 200 KB; anything far larger is not an answer. */
    static final int MAX_ANSWER_BYTES = 2 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloseableHttpClient http;
    private final RemoteEngineSettings settings;
    private final RequestConfig timeouts;

    CompreFaceApi(CloseableHttpClient http, RemoteEngineSettings settings, HttpTimeouts timeouts) {
        this.http = http;
        this.settings = settings;
        this.timeouts = timeouts.requestConfig().build();
    }

    /** The faces in one frame; an empty list when the engine found none. */
    List<DetectedFace> detect(byte[] jpeg) {
        JsonNode answer = post(DETECT, settings.apiKey(), Map.of("file", Base64.getEncoder().encodeToString(jpeg)), true);
        if (answer == null) {
            return List.of();
        }
        JsonNode result = answer.get("result");
        if (result == null || !result.isArray()) {
            throw unreadable();
        }
        List<DetectedFace> faces = new ArrayList<>();
        for (JsonNode face : result) {
            faces.add(face(face));
        }
        return faces;
    }

    /** The similarity of {@code source} to each target, in the targets' order. */
    double[] similarities(float[] source, List<float[]> targets) {
        JsonNode answer = post(VERIFY, settings.verificationKey(), Map.of("source", source, "targets", targets), false);
        JsonNode result = answer.get("result");
        if (result == null || !result.isArray() || result.size() != targets.size()) {
            throw unreadable();
        }
        double[] similarities = new double[targets.size()];
        for (int i = 0; i < similarities.length; i++) {
            JsonNode similarity = result.get(i).get("similarity");
            if (similarity == null || !similarity.isNumber() || !(similarity.asDouble() >= -1 && similarity.asDouble() <= 1)) {
                throw unreadable();
            }
            similarities[i] = similarity.asDouble();
        }
        return similarities;
    }

    private DetectedFace face(JsonNode face) {
        JsonNode box = face.get("box");
        JsonNode embedding = face.get("embedding");
        JsonNode pose = face.get("pose");
        if (box == null || embedding == null || !embedding.isArray() || embedding.isEmpty()
                || embedding.size() > EmbeddingTemplate.MAX_VALUES || pose == null) {
            throw unreadable();
        }
        float[] values = new float[embedding.size()];
        for (int i = 0; i < values.length; i++) {
            if (!embedding.get(i).isNumber()) {
                throw unreadable();
            }
            values[i] = (float) embedding.get(i).asDouble();
        }
        return new DetectedFace(box.path("x_min").asInt(), box.path("y_min").asInt(), box.path("x_max").asInt(),
                box.path("y_max").asInt(), values, number(pose, "yaw"), number(pose, "pitch"));
    }

    private double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || Math.abs(value.asDouble()) > 180) {
            throw unreadable();
        }
        return value.asDouble();
    }

    /** The answer's JSON; null for CompreFace's "no face" error when {@code noFaceIsAnAnswer}. */
    private JsonNode post(String path, String key, Object body, boolean noFaceIsAnAnswer) {
        URI target = settings.resolve(path);
        HttpPost call = new HttpPost(target);
        call.setConfig(timeouts);
        call.setHeader("x-api-key", key);
        call.setHeader("Accept", "application/json");
        try {
            call.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
            try (CloseableHttpResponse response = http.execute(call)) {
                int status = response.getStatusLine().getStatusCode();
                JsonNode answer = read(response);
                if (status == 400 && noFaceIsAnAnswer && answer != null && answer.path("code").asInt(-1) == NO_FACE_CODE) {
                    return null;
                }
                if (status != 200 || answer == null) {
                    throw new FaceEngineUnavailableException("face engine at " + target.getHost() + " answered HTTP " + status);
                }
                return answer;
            }
        } catch (IOException e) {
            throw new FaceEngineUnavailableException("face engine at " + target.getHost() + " could not be reached: "
                    + e.getClass().getSimpleName());
        }
    }

    private static JsonNode read(CloseableHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return null;
        }
        try (InputStream in = response.getEntity().getContent()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new FaceEngineUnavailableException("face engine answer over " + MAX_ANSWER_BYTES + " bytes");
            }
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                return null;
            }
        }
    }

    private FaceEngineUnavailableException unreadable() {
        return new FaceEngineUnavailableException("face engine at " + settings.baseUrl().getHost() + " gave an answer that is not CompreFace's");
    }
}
