package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.entrasfo.it.support.ChallengeFilm;
import org.entrasfo.it.support.FaceServiceUnderTest;
import org.entrasfo.sfo.face.FaceChallenge;
import org.entrasfo.sfo.face.FaceDecision;
import org.entrasfo.sfo.face.FaceEngine;
import org.entrasfo.sfo.face.FaceFrames;
import org.entrasfo.sfo.face.FaceMatchPolicy;
import org.entrasfo.sfo.face.FaceRefusal;
import org.entrasfo.sfo.face.FaceTemplate;
import org.entrasfo.sfo.face.FaceVerdict;
import org.entrasfo.sfo.face.FrameLimits;
import org.entrasfo.sfo.face.FrameObservation;
import org.entrasfo.sfo.face.HeadPose;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A film made for a challenge ({@link ChallengeFilm}), played by Chromium's fake camera and filmed by the face page's
 * own script, reads back as exactly that challenge: every frame the page takes lies in its step's pose, the engine's
 * observations answer the challenge by the factor's decision, and they answer no other one. So the whole-flow test
 * that films a person for the server's random challenge cannot fail, or pass, for timing.
 */
@ResourceLock(ChallengeFilm.TIMING_LOCK)
class ChallengeFilmIT {

    private static final FaceMatchPolicy POLICY = FaceMatchPolicy.BUILT_IN;

    @ParameterizedTest
    // Four turns: the page films fewer frames per turn than for the default three, which FaceSignInIT films end to end.
    @ValueSource(strings = {"DOWN,RIGHT,UP,LEFT"})
    void theFaceScriptFilmsExactlyTheChallengeTheFilmWasMadeFor(String turns) throws Exception {
        FaceChallenge challenge = FaceChallenge.decode(turns);
        Map<HeadPose, BufferedImage> person = HeadTurnFrames.pictures(HeadTurnFrames.FIRST);
        List<String> steps = new ArrayList<>(List.of(HeadPose.FRONT.name()));
        challenge.turns().forEach(turn -> steps.add(turn.name()));
        Path film = ChallengeFilm.still(Files.createTempFile("entra-sfo-face", ".y4m"), person.get(HeadPose.FRONT));
        try (FacePage page = new FacePage(steps); CameraChromium chromium = new CameraChromium(film)) {
            chromium.driver.get(page.url());
            // Chromium was started with a still film; its file device reads the file when the page opens the camera,
            // so the challenge's film written now is the one the page films.
            ChallengeFilm.write(film, challenge.turns(), person);
            chromium.driver.findElement(By.id("sfo-face-consent")).sendKeys(Keys.SPACE);
            chromium.driver.findElement(By.id("sfo-face-start")).sendKeys(Keys.ENTER);

            List<byte[]> frames = page.posted.get(60, TimeUnit.SECONDS).stream().filter(pair -> pair[0].equals("frame"))
                    .map(pair -> Base64.getDecoder().decode(pair[1].substring(pair[1].indexOf(',') + 1))).toList();

            assertThat(filmedPoses(frames, challenge)).isEqualTo(intendedPoses(frames.size(), challenge));
            List<FrameObservation> seen = observed(frames);
            assertThat(FaceDecision.verification(challenge, seen, POLICY).accepted()).as("%s", seen).isTrue();
            List<HeadPose> backwards = new ArrayList<>(challenge.turns());
            Collections.reverse(backwards);
            FaceChallenge reversed = new FaceChallenge(backwards);
            assertThat(FaceDecision.verification(reversed, seen, POLICY))
                    .isEqualTo(new FaceVerdict(Optional.of(FaceRefusal.CHALLENGE_NOT_FOLLOWED)));
        } finally {
            Files.deleteIfExists(film);
        }
    }

    /** The pose of the film frame each picture shows, from the frame number the film writes into every frame. */
    private static List<String> filmedPoses(List<byte[]> frames, FaceChallenge challenge) throws Exception {
        List<ChallengeFilm.Segment> plan = ChallengeFilm.plan(challenge.turns());
        List<String> poses = new ArrayList<>();
        for (byte[] frame : frames) {
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(frame));
            int number = ChallengeFilm.frameNumber(picture);
            poses.add(plan.stream().filter(s -> s.firstFrame() <= number && number < s.endFrame()).findFirst()
                    .map(s -> s.pose().name()).orElse("frame " + number) + "@" + number);
        }
        return poses.stream().map(pose -> pose.substring(0, pose.indexOf('@'))).toList().equals(
                intendedPoses(frames.size(), challenge)) ? intendedPoses(frames.size(), challenge) : poses;
    }

    /** What sfo-face.js films: two frontal frames, then as many per turn as the page's frame limit (12) allows. */
    private static List<String> intendedPoses(int count, FaceChallenge challenge) {
        int perTurn = Math.max(1, Math.min(3, (12 - 2) / challenge.turns().size()));
        List<String> poses = new ArrayList<>(List.of(HeadPose.FRONT.name(), HeadPose.FRONT.name()));
        challenge.turns().forEach(turn -> {
            for (int i = 0; i < perTurn; i++) {
                poses.add(turn.name());
            }
        });
        assertThat(count).isEqualTo(poses.size());
        return poses;
    }

    private static List<FrameObservation> observed(List<byte[]> frames) throws Exception {
        FaceServiceUnderTest service = FaceServiceUnderTest.get();
        try (CloseableHttpClient http = HttpClients.createDefault()) {
            FaceEngine engine = HeadTurnFramesIT.engine(http, service);
            FaceTemplate template = engine.template(FaceFrames.accept(
                    List.of(HeadTurnFrames.of(HeadTurnFrames.FIRST).get(HeadPose.FRONT)), FrameLimits.DEFAULTS));
            return engine.observe(FaceFrames.accept(frames, FrameLimits.DEFAULTS), Optional.of(template));
        }
    }
}
