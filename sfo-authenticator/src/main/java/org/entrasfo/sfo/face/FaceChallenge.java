package org.entrasfo.sfo.face;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The active liveness challenge: look at the camera, then turn the head through a sequence the server drew at random
 * for this attempt. A printed photo or a still image cannot turn; a replayed earlier capture answers another sequence
 * unless the draw repeats, which with {@code turns} steps happens once in {@code 4 * 3^(turns-1)} (36 for the default
 * of 3). The challenge is kept in the authentication session, never taken from the browser.
 */
public record FaceChallenge(List<HeadPose> turns) {

    public static final int DEFAULT_TURNS = 3;
    static final int MAX_TURNS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    public FaceChallenge {
        if (turns == null || turns.isEmpty() || turns.size() > MAX_TURNS
                || turns.stream().anyMatch(turn -> turn == null || turn == HeadPose.FRONT)) {
            throw new IllegalArgumentException("a challenge is 1.." + MAX_TURNS + " turns");
        }
        for (int i = 1; i < turns.size(); i++) {
            if (turns.get(i) == turns.get(i - 1)) {
                throw new IllegalArgumentException("the same turn twice in a row");
            }
        }
        turns = List.copyOf(turns);
    }

    public static FaceChallenge random(int turns) {
        return random(turns, RANDOM);
    }

    static FaceChallenge random(int count, Random random) {
        int turns = Math.max(1, Math.min(count, MAX_TURNS));
        List<HeadPose> drawn = new ArrayList<>(turns);
        while (drawn.size() < turns) {
            HeadPose next = HeadPose.TURNS[random.nextInt(HeadPose.TURNS.length)];
            // Two equal turns in a row read as one held turn, so they are no separate step.
            if (drawn.isEmpty() || drawn.get(drawn.size() - 1) != next) {
                drawn.add(next);
            }
        }
        return new FaceChallenge(drawn);
    }

    /** The stored form, such as {@code LEFT,UP,RIGHT}, for the authentication session's note. */
    public String encoded() {
        return String.join(",", turns.stream().map(Enum::name).toList());
    }

    public static FaceChallenge decode(String encoded) {
        List<HeadPose> turns = new ArrayList<>();
        for (String part : encoded.split(",")) {
            turns.add(HeadPose.valueOf(part.trim()));
        }
        return new FaceChallenge(turns);
    }

    /**
     * Whether the frames answer exactly this challenge: first a frontal frame, then the turns in order, with frontal
     * or in-between frames allowed between them and nothing else. Exactness matters: a capture that runs through every
     * turn must not answer every challenge.
     */
    boolean followedBy(List<FrameObservation> frames, FaceMatchPolicy policy) {
        List<HeadPose> seen = new ArrayList<>();
        for (FrameObservation frame : frames) {
            HeadPose pose = HeadPose.of(frame, policy);
            if (pose != null && (seen.isEmpty() || seen.get(seen.size() - 1) != pose)) {
                seen.add(pose);
            }
        }
        if (seen.isEmpty() || seen.get(0) != HeadPose.FRONT) {
            return false;
        }
        return seen.stream().filter(pose -> pose != HeadPose.FRONT).toList().equals(turns);
    }
}
