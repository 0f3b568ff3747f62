package org.entrasfo.sfo.face.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.apache.http.impl.client.CloseableHttpClient;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.sfo.face.FaceEngine;
import org.entrasfo.sfo.face.FaceEngineUnavailableException;
import org.entrasfo.sfo.face.FaceFrame;
import org.entrasfo.sfo.face.FaceTemplate;
import org.entrasfo.sfo.face.FrameObservation;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;

/**
 * A face engine reached over CompreFace's REST API: the built-in face service ({@code deploy/face-service}) or a
 * site's own CompreFace, one client for both. It measures per frame (faces, box brightness, head pose) and compares
 * single-face frames with the enrolled template in one verification call; {@code FaceDecision} decides.
 */
public final class RemoteFaceEngine implements FaceEngine {

    /** Per call; a verification of 12 frames makes 13 calls of about 0.2 s each on the built-in engine. */
    public static final HttpTimeouts DEFAULT_TIMEOUTS = HttpTimeouts.ofMillis(2_000, 10_000);

    private final CompreFaceApi api;
    private final String engineId;

    RemoteFaceEngine(CloseableHttpClient http, RemoteEngineSettings settings, HttpTimeouts timeouts) {
        this.api = new CompreFaceApi(http, settings, timeouts);
        this.engineId = settings.engineId();
    }

    /** Over a given HTTP client: for tools and tests outside Keycloak; inside it, {@link #of(KeycloakSession, RemoteEngineSettings, HttpTimeouts)}. */
    public static RemoteFaceEngine over(CloseableHttpClient http, RemoteEngineSettings settings, HttpTimeouts timeouts) {
        return new RemoteFaceEngine(http, settings, timeouts);
    }

    /** Through Keycloak's HTTP client, so the admin's proxy and truststore settings apply to the engine too. */
    public static RemoteFaceEngine of(KeycloakSession session, RemoteEngineSettings settings, HttpTimeouts timeouts) {
        return new RemoteFaceEngine(session.getProvider(HttpClientProvider.class).getHttpClient(), settings, timeouts);
    }

    @Override
    public String id() {
        return engineId;
    }

    @Override
    public List<FrameObservation> observe(List<FaceFrame> frames, Optional<FaceTemplate> enrolled) {
        Optional<float[]> template = enrolled.map(this::embeddingOf);
        List<List<DetectedFace>> detected = frames.stream().map(frame -> api.detect(frame.jpeg())).toList();
        List<float[]> singles = new ArrayList<>();
        for (List<DetectedFace> faces : detected) {
            if (faces.size() == 1) {
                singles.add(faces.get(0).embedding());
            }
        }
        double[] similarities = template.isPresent() && !singles.isEmpty()
                ? api.similarities(template.get(), singles) : new double[0];
        List<FrameObservation> observations = new ArrayList<>(frames.size());
        int single = 0;
        for (int i = 0; i < frames.size(); i++) {
            List<DetectedFace> faces = detected.get(i);
            DetectedFace face = faces.size() == 1 ? faces.get(0) : null;
            OptionalDouble similarity = face != null && template.isPresent()
                    ? OptionalDouble.of(similarities[single]) : OptionalDouble.empty();
            if (face != null) {
                single++;
            }
            observations.add(new FrameObservation(faces.size(), FaceBrightness.of(frames.get(i), face),
                    face == null ? 0 : face.yaw(), face == null ? 0 : face.pitch(), similarity));
        }
        return observations;
    }

    @Override
    public FaceTemplate template(List<FaceFrame> frames) {
        List<float[]> embeddings = new ArrayList<>();
        for (FaceFrame frame : frames) {
            List<DetectedFace> faces = api.detect(frame.jpeg());
            if (faces.size() != 1) {
                // The decision accepted these frames a moment ago; an engine that now sees otherwise is not usable.
                throw new FaceEngineUnavailableException("face engine saw " + faces.size() + " faces in an accepted frame");
            }
            embeddings.add(faces.get(0).embedding());
        }
        return EmbeddingTemplate.of(engineId, embeddings);
    }

    private float[] embeddingOf(FaceTemplate template) {
        // A template is compared only by the engine that made it: another model's embedding means nothing here.
        if (!engineId.equals(template.engineId())) {
            throw new FaceEngineUnavailableException("the enrolled face was made by another face engine");
        }
        try {
            return EmbeddingTemplate.embedding(template);
        } catch (IllegalArgumentException e) {
            throw new FaceEngineUnavailableException("the enrolled face cannot be read by this face engine");
        }
    }
}
