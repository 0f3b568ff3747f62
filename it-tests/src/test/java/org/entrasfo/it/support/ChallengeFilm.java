package org.entrasfo.it.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.entrasfo.sfo.face.HeadPose;

/**
 * A fake-camera film ({@link FakeCamera}) of one person answering a face challenge, timed for the face page's script
 * ({@code js/sfo-face.js}): from the moment the video has its first frame, the frontal step lasts 1.8 s and is filmed
 * at 0.9 and 1.8 s, then each turn lasts 1.8 s and is filmed at the end of each third (or half) of it. Frames of
 * consecutive steps are 0.6 s apart at least, so the film cuts from one pose to the next in the middle of that gap,
 * {@link #EXPECTED_SKEW_MILLIS} after the page's timeline: a start-up skew of {@link #EXPECTED_SKEW_MILLIS} ± 300 ms
 * still puts every filmed frame in its step's pose. After the last turn the person looks at the camera long enough
 * that Chromium, which loops the file, never plays a turn twice while the page films.
 *
 * <p>Each film frame carries its number in a strip of black and white squares at the bottom left, so a test can tell
 * which film frame the page took ({@link #frameNumber}).
 */
public final class ChallengeFilm {

    /**
     * A film follows the face page's timers to a few hundred milliseconds: classes that film hold this lock, and so
     * does the cluster test, whose Keycloak build takes both cores for a minute, so that never runs beside a film.
     */
    public static final String TIMING_LOCK = "challenge-film-timing";

    public static final int STEP_MILLIS = 1800;
    /** How much later than the page's timeline the film plays, measured in Chromium (FaceChallengeFilmIT). */
    public static final int EXPECTED_SKEW_MILLIS = 200;
    /** The cut from one step to the next lies this long after the step's last frame on the page's timeline. */
    private static final int CUT_AFTER_STEP_MILLIS = 300;
    private static final int TAIL_MILLIS = 5000;
    private static final int FRAME_MILLIS = 1000 / FakeCamera.FRAMES_PER_SECOND;
    private static final int STAMP_BITS = 8;
    private static final int STAMP_SIZE = 16;

    /** A span of the film in which the person holds one pose, in film frames [first, last). */
    public record Segment(HeadPose pose, int firstFrame, int endFrame) {
    }

    private ChallengeFilm() {
    }

    /** The film's segments: frontal, each turn in order, then frontal until the end. */
    public static List<Segment> plan(List<HeadPose> turns) {
        List<Segment> segments = new ArrayList<>();
        int cut = frame(STEP_MILLIS + CUT_AFTER_STEP_MILLIS + EXPECTED_SKEW_MILLIS);
        segments.add(new Segment(HeadPose.FRONT, 0, cut));
        for (HeadPose turn : turns) {
            int next = cut + frame(STEP_MILLIS);
            segments.add(new Segment(turn, cut, next));
            cut = next;
        }
        segments.add(new Segment(HeadPose.FRONT, cut, cut + frame(TAIL_MILLIS)));
        return segments;
    }

    /** Writes the film of the person (their five poses) answering the turns, such as LEFT, UP, RIGHT. */
    public static Path write(Path file, List<HeadPose> turns, Map<HeadPose, BufferedImage> poses) throws IOException {
        List<FakeCamera.Shot> shots = new ArrayList<>();
        for (Segment segment : plan(turns)) {
            for (int frame = segment.firstFrame(); frame < segment.endFrame(); frame++) {
                shots.add(new FakeCamera.Shot(stamped(poses.get(segment.pose()), frame), 1));
            }
        }
        return FakeCamera.write(file, shots);
    }

    /** A still film: the frontal picture, unmoving, as a photograph held to the camera would be. */
    public static Path still(Path file, BufferedImage frontal) throws IOException {
        return FakeCamera.write(file, List.of(new FakeCamera.Shot(frontal, frame(STEP_MILLIS))));
    }

    /** The film frame a picture the page took shows, from its strip; -1 when the strip is unreadable. */
    public static int frameNumber(BufferedImage picture) {
        int number = 0;
        for (int bit = 0; bit < STAMP_BITS; bit++) {
            int rgb = picture.getRGB(bit * STAMP_SIZE + STAMP_SIZE / 2, picture.getHeight() - STAMP_SIZE / 2);
            int luminance = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
            if (luminance > 100 && luminance < 160) {
                return -1;
            }
            number |= (luminance >= 160 ? 1 : 0) << bit;
        }
        return number;
    }

    private static BufferedImage stamped(BufferedImage picture, int frame) {
        BufferedImage copy = new BufferedImage(FakeCamera.WIDTH, FakeCamera.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        g.drawImage(picture, 0, 0, FakeCamera.WIDTH, FakeCamera.HEIGHT, null);
        for (int bit = 0; bit < STAMP_BITS; bit++) {
            g.setColor(((frame >> bit) & 1) == 1 ? Color.WHITE : Color.BLACK);
            g.fillRect(bit * STAMP_SIZE, FakeCamera.HEIGHT - STAMP_SIZE, STAMP_SIZE, STAMP_SIZE);
        }
        g.dispose();
        return copy;
    }

    private static int frame(int millis) {
        return Math.round((float) millis / FRAME_MILLIS);
    }
}
