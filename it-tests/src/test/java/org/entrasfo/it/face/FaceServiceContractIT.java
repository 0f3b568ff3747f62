package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

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
        List<FrameObservation> seen = engine(service.apiKey()).observe(frames(SampleFaces.photo("sample2.jpg")), Optional.empty());

        assertThat(seen.get(0).faces()).isEqualTo(3);
    }

    @Test
    void theEnrolledPersonMatchesInDimmerLightAndAnotherPersonDoesNot() throws IOException {
        byte[] photo = SampleFaces.photo("sample1.jpg");
        List<int[]> boxes = SampleFaces.boxes(service, photo);
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(2);
        byte[] alice = SampleFaces.jpeg(SampleFaces.around(photo, boxes.get(0), 1.0f));
        byte[] aliceDimmer = SampleFaces.jpeg(SampleFaces.around(photo, boxes.get(0), 0.6f));
        byte[] bob = SampleFaces.jpeg(SampleFaces.around(photo, boxes.get(1), 1.0f));
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

        List<FrameObservation> seen = engine(service.apiKey()).observe(frames(SampleFaces.jpeg(grey)), Optional.empty());

        assertThat(seen.get(0).faces()).isZero();
    }

    @Test
    void theServiceRefusesAClientWithoutItsKeyAndTheFactorCallsThatUnavailable() throws IOException {
        FaceEngine stranger = engine("someone-elses-key-0123456789");

        assertThatThrownBy(() -> stranger.observe(frames(SampleFaces.photo("sample2.jpg")), Optional.empty()))
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
}
