package org.entrasfo.sfo.face.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.sfo.face.FaceEngineUnavailableException;
import org.entrasfo.sfo.face.FaceFrame;
import org.entrasfo.sfo.face.FaceFrames;
import org.entrasfo.sfo.face.FaceTemplate;
import org.entrasfo.sfo.face.FrameLimits;
import org.entrasfo.sfo.face.FrameObservation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteFaceEngineTest {

    private static final String DETECTION_KEY = "detection-key-7f3a9c1e";
    private static final String VERIFICATION_KEY = "verification-key-2b8d4e6f";
    private static final double[] ALICE = {0.9, 0.1, 0.3, 0.2};
    private static final double[] MALLORY = {0.1, 0.9, 0.1, 0.6};

    private CompreFaceStandIn compreFace;
    private CloseableHttpClient http;

    @BeforeEach
    void start() throws IOException {
        compreFace = new CompreFaceStandIn(DETECTION_KEY, VERIFICATION_KEY);
        http = HttpClients.createDefault();
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        compreFace.close();
    }

    @Test
    void measuresEachFrameAndComparesOnlySingleFaceFramesWithTheEnrolledFaceInOneCall() {
        byte[] front = jpeg(170, 1);
        byte[] turned = jpeg(170, 2);
        byte[] crowd = jpeg(170, 3);
        byte[] empty = jpeg(170, 4);
        compreFace.shows(front, face(ALICE, 0, 0));
        compreFace.shows(turned, face(ALICE, -30, 2));
        compreFace.shows(crowd, face(ALICE, 0, 0), face(MALLORY, 0, 0));

        List<FrameObservation> seen = engine(builtIn()).observe(frames(front, turned, crowd, empty), Optional.of(template(ALICE)));

        assertThat(seen).extracting(FrameObservation::faces).containsExactly(1, 1, 2, 0);
        assertThat(seen.get(1).yawDegrees()).isEqualTo(-30);
        assertThat(seen.get(1).pitchDegrees()).isEqualTo(2);
        assertThat(seen.get(0).similarity().getAsDouble()).isGreaterThan(0.99);
        assertThat(seen.get(2).similarity()).isEmpty();
        assertThat(seen.get(3).similarity()).isEmpty();
        assertThat(compreFace.calls().stream().filter(c -> c.path().endsWith("/verify")).count()).isEqualTo(1);
    }

    @Test
    void anotherPersonsFaceGetsItsRealSimilarityNotTheEnrolledOne() {
        byte[] frame = jpeg(170, 1);
        compreFace.shows(frame, face(MALLORY, 0, 0));

        FrameObservation seen = engine(builtIn()).observe(frames(frame), Optional.of(template(ALICE))).get(0);

        assertThat(seen.similarity().getAsDouble()).isEqualTo(CompreFaceStandIn.cosine(ALICE, MALLORY), within());
        assertThat(seen.similarity().getAsDouble()).isLessThan(0.7);
    }

    @Test
    void measuresTheFacesBrightnessItselfSinceCompreFaceReportsNone() {
        byte[] dark = jpeg(20, 1);
        byte[] bright = jpeg(200, 1);
        compreFace.shows(dark, face(ALICE, 0, 0));
        compreFace.shows(bright, face(ALICE, 0, 0));

        List<FrameObservation> seen = engine(builtIn()).observe(frames(dark, bright), Optional.empty());

        assertThat(seen.get(0).brightness()).isLessThan(0.15);
        assertThat(seen.get(1).brightness()).isGreaterThan(0.7);
    }

    @Test
    void sendsTheDetectionKeyToDetectionAndTheVerificationKeyToVerificationWithThePluginsItNeeds() {
        byte[] frame = jpeg(170, 1);
        compreFace.shows(frame, face(ALICE, 0, 0));
        RemoteEngineSettings compreFaceSite = new RemoteEngineSettings(compreFace.baseUrl(), DETECTION_KEY, VERIFICATION_KEY, "compreface");

        engine(compreFaceSite).observe(frames(frame), Optional.of(EmbeddingTemplate.of("compreface", List.of(floats(ALICE)))));

        assertThat(compreFace.calls()).extracting(CompreFaceStandIn.Call::path, CompreFaceStandIn.Call::apiKey).containsExactly(
                tuple("/api/v1/detection/detect", DETECTION_KEY),
                tuple("/api/v1/verification/embeddings/verify", VERIFICATION_KEY));
        assertThat(compreFace.calls().get(0).query()).contains("face_plugins=calculator,pose");
    }

    @Test
    void aWrongApiKeyIsAnUnavailableEngineAndTheMessageNamesNoKey() {
        byte[] frame = jpeg(170, 1);
        compreFace.shows(frame, face(ALICE, 0, 0));
        RemoteEngineSettings wrong = new RemoteEngineSettings(compreFace.baseUrl(), "not-the-key-123456", "not-the-key-123456",
                RemoteEngineSettings.BUILT_IN_ENGINE_ID);

        assertThatThrownBy(() -> engine(wrong).observe(frames(frame), Optional.empty()))
                .isInstanceOf(FaceEngineUnavailableException.class)
                .hasMessageContaining("401")
                .hasMessageNotContaining("not-the-key");
    }

    @Test
    void anEngineSlowerThanTheReadTimeoutIsUnavailableInsteadOfHoldingTheSignIn() {
        byte[] frame = jpeg(170, 1);
        compreFace.shows(frame, face(ALICE, 0, 0));
        compreFace.answerSlowly(Duration.ofSeconds(3));
        RemoteFaceEngine engine = new RemoteFaceEngine(http, builtIn(), HttpTimeouts.ofMillis(500, 300));

        long started = System.nanoTime();
        assertThatThrownBy(() -> engine.observe(frames(frame), Optional.empty())).isInstanceOf(FaceEngineUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anEngineThatIsDownIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RemoteEngineSettings down = new RemoteEngineSettings(URI.create("http://127.0.0.1:" + closedPort), DETECTION_KEY,
                VERIFICATION_KEY, RemoteEngineSettings.BUILT_IN_ENGINE_ID);

        assertThatThrownBy(() -> engine(down).observe(frames(jpeg(170, 1)), Optional.empty()))
                .isInstanceOf(FaceEngineUnavailableException.class);
    }

    /** The face service's answer when too many detections wait: the factor says "not available", never "no face". */
    @Test
    void aBusyServicesRetryLaterIsAnUnavailableEngineNeverARefusalOfTheFace() {
        byte[] frame = jpeg(170, 1);
        compreFace.shows(frame, face(ALICE, 0, 0));
        compreFace.answerBusy();

        assertThatThrownBy(() -> engine(builtIn()).observe(frames(frame), Optional.empty()))
                .isInstanceOf(FaceEngineUnavailableException.class).hasMessageContaining("503");
        assertThatThrownBy(() -> engine(builtIn()).template(frames(frame)))
                .isInstanceOf(FaceEngineUnavailableException.class).hasMessageContaining("503");
    }

    @Test
    void anAnswerThatIsNotCompreFacesIsUnavailableNeverZeroFaces() {
        for (String answer : List.of("<html>proxy error</html>", "{\"result\": 5}", "{\"result\": [{\"box\": {}}]}",
                "{\"result\": [{\"box\": {}, \"embedding\": [\"x\"], \"pose\": {\"yaw\": 0, \"pitch\": 0}}]}")) {
            compreFace.answerWith(answer);
            assertThatThrownBy(() -> engine(builtIn()).observe(frames(jpeg(170, 1)), Optional.empty()))
                    .as(answer).isInstanceOf(FaceEngineUnavailableException.class);
        }
    }

    @Test
    void theTemplateIsTheMeanOfTheFramesEmbeddingsAndOnlyItsOwnEngineComparesIt() {
        byte[] first = jpeg(170, 1);
        byte[] second = jpeg(170, 2);
        compreFace.shows(first, face(new double[] {1, 0, 0, 0}, 0, 0));
        compreFace.shows(second, face(new double[] {0, 1, 0, 0}, 0, 0));

        FaceTemplate template = engine(builtIn()).template(frames(first, second));

        assertThat(template.engineId()).isEqualTo(RemoteEngineSettings.BUILT_IN_ENGINE_ID);
        assertThat(EmbeddingTemplate.embedding(template)).containsExactly(0.5f, 0.5f, 0f, 0f);
        RemoteEngineSettings other = new RemoteEngineSettings(compreFace.baseUrl(), DETECTION_KEY, VERIFICATION_KEY, "compreface");
        assertThatThrownBy(() -> engine(other).observe(frames(first), Optional.of(template)))
                .isInstanceOf(FaceEngineUnavailableException.class);
    }

    @Test
    void settingsNeverShowTheKeysAndRefuseUrlsThatAreNotPlainHttp() {
        RemoteEngineSettings settings = builtIn();
        assertThat(settings.toString()).doesNotContain(DETECTION_KEY).doesNotContain(VERIFICATION_KEY);
        for (String url : List.of("file:///etc/passwd", "http://user:pw@engine:8091", "http://engine:8091/?x=1", "engine:8091")) {
            assertThatThrownBy(() -> new RemoteEngineSettings(URI.create(url), DETECTION_KEY, DETECTION_KEY, "x")).as(url)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private RemoteEngineSettings builtIn() {
        return new RemoteEngineSettings(compreFace.baseUrl(), DETECTION_KEY, VERIFICATION_KEY, RemoteEngineSettings.BUILT_IN_ENGINE_ID);
    }

    private RemoteFaceEngine engine(RemoteEngineSettings settings) {
        return new RemoteFaceEngine(http, settings, HttpTimeouts.ofMillis(1000, 2000));
    }

    private static FaceTemplate template(double[] embedding) {
        return EmbeddingTemplate.of(RemoteEngineSettings.BUILT_IN_ENGINE_ID, List.of(floats(embedding)));
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static CompreFaceStandIn.Face face(double[] embedding, double yaw, double pitch) {
        return new CompreFaceStandIn.Face(220, 140, 420, 340, embedding, yaw, pitch);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-4);
    }

    private static List<FaceFrame> frames(byte[]... jpegs) {
        return FaceFrames.accept(Arrays.asList(jpegs), FrameLimits.DEFAULTS);
    }

    /** A 640x480 JPEG of one grey level; {@code mark} makes frames of the same level different images. */
    private static byte[] jpeg(int grey, int mark) {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 4 * mark, 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
