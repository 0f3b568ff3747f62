package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.it.support.FaceServiceUnderTest;
import org.entrasfo.sfo.face.FaceChallenge;
import org.entrasfo.sfo.face.FaceDecision;
import org.entrasfo.sfo.face.FaceEngine;
import org.entrasfo.sfo.face.FaceFrames;
import org.entrasfo.sfo.face.FaceMatchPolicy;
import org.entrasfo.sfo.face.FaceTemplate;
import org.entrasfo.sfo.face.FrameLimits;
import org.entrasfo.sfo.face.FrameObservation;
import org.entrasfo.sfo.face.HeadPose;
import org.entrasfo.sfo.face.remote.RemoteEngineSettings;
import org.entrasfo.sfo.face.remote.RemoteFaceEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frames of one person turning their head ({@link HeadTurnFrames}, rendered from one frontal frame) are what the
 * face factor's browser tests film, so they must be what they claim, read by the built-in engine through the same
 * client and thresholds as the factor ({@link FaceMatchPolicy#BUILT_IN}): each pose reads as that pose, every frame
 * reads as the same person, and another person's frames do not. A head rendered turned to the person's own left (the
 * picture's right) reading as LEFT pins the sign convention FrameObservation relies on.
 */
class HeadTurnFramesIT {

    private static final FaceMatchPolicy POLICY = FaceMatchPolicy.BUILT_IN;

    @ParameterizedTest
    @MethodSource("people")
    void eachPoseReadsAsThatPoseWithThePersonsOwnLeftAsNegativeYawAndUpAsPositivePitch(HeadTurnFrames.Person person) throws Exception {
        Map<HeadPose, FrameObservation> seen = observed(person, person);

        assertThat(HeadPose.values()).allSatisfy(pose -> assertThat(reads(seen.get(pose))).as("%s %s", person.name(), pose).isEqualTo(pose));
        // The same rule as the factor's, through its own decision: the frontal frame, then this one turn.
        for (HeadPose turn : List.of(HeadPose.LEFT, HeadPose.RIGHT, HeadPose.UP, HeadPose.DOWN)) {
            assertThat(FaceDecision.verification(new FaceChallenge(List.of(turn)),
                    List.of(seen.get(HeadPose.FRONT), seen.get(turn)), POLICY).accepted()).as("%s %s", person.name(), turn).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("people")
    void everyPoseIsTheSamePersonAsTheFrontalTemplate(HeadTurnFrames.Person person) throws Exception {
        Map<HeadPose, FrameObservation> seen = observed(person, person);

        assertThat(seen.get(HeadPose.FRONT).similarity().getAsDouble()).isGreaterThanOrEqualTo(POLICY.matchThreshold());
        assertThat(seen.values()).allSatisfy(frame ->
                assertThat(frame.similarity().getAsDouble()).as(person.name()).isGreaterThanOrEqualTo(POLICY.continuityThreshold()));
    }

    @Test
    void anotherPersonsPosesStayBelowTheContinuityThresholdAgainstTheFirstPersonsTemplate() throws Exception {
        Map<HeadPose, FrameObservation> seen = observed(HeadTurnFrames.FIRST, HeadTurnFrames.SECOND);

        assertThat(seen.values()).allSatisfy(frame ->
                assertThat(frame.similarity().getAsDouble()).isLessThan(POLICY.continuityThreshold()));
    }

    static List<HeadTurnFrames.Person> people() {
        return HeadTurnFrames.PEOPLE;
    }

    /** The frame's pose by the built-in policy's bounds, written out so that a failure shows the angles. */
    private static HeadPose reads(FrameObservation frame) {
        double yaw = frame.yawDegrees();
        double pitch = frame.pitchDegrees();
        if (Math.abs(yaw) <= POLICY.frontDegrees() && Math.abs(pitch) <= POLICY.frontDegrees()) {
            return HeadPose.FRONT;
        }
        if (Math.abs(yaw) >= POLICY.turnDegrees() && Math.abs(pitch) < POLICY.turnDegrees() / 2) {
            return yaw < 0 ? HeadPose.LEFT : HeadPose.RIGHT;
        }
        if (Math.abs(pitch) >= POLICY.turnDegrees() && Math.abs(yaw) < POLICY.turnDegrees() / 2) {
            return pitch < 0 ? HeadPose.DOWN : HeadPose.UP;
        }
        throw new AssertionError("between poses: yaw " + yaw + ", pitch " + pitch);
    }

    /** The poses of {@code filmed} as the engine sees them against the template of {@code enrolled}'s frontal frame. */
    static Map<HeadPose, FrameObservation> observed(HeadTurnFrames.Person enrolled, HeadTurnFrames.Person filmed) throws Exception {
        FaceServiceUnderTest service = FaceServiceUnderTest.get();
        FrameLimits limits = FrameLimits.DEFAULTS;
        List<HeadPose> order = List.of(HeadPose.values());
        try (CloseableHttpClient http = HttpClients.createDefault()) {
            FaceEngine engine = engine(http, service);
            FaceTemplate template = engine.template(FaceFrames.accept(List.of(HeadTurnFrames.of(enrolled).get(HeadPose.FRONT)), limits));
            List<FrameObservation> seen = engine.observe(FaceFrames.accept(
                    order.stream().map(HeadTurnFrames.of(filmed)::get).toList(), limits), Optional.of(template));
            Map<HeadPose, FrameObservation> byPose = new EnumMap<>(HeadPose.class);
            for (int i = 0; i < order.size(); i++) {
                byPose.put(order.get(i), seen.get(i));
            }
            return byPose;
        }
    }

    static FaceEngine engine(CloseableHttpClient http, FaceServiceUnderTest service) {
        return RemoteFaceEngine.over(http, new RemoteEngineSettings(service.baseUrl(), service.apiKey(), service.apiKey(),
                RemoteEngineSettings.BUILT_IN_ENGINE_ID), HttpTimeouts.ofMillis(2_000, 30_000));
    }
}
