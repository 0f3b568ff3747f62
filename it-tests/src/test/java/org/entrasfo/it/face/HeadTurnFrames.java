package org.entrasfo.it.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.entrasfo.it.support.FaceServiceUnderTest;
import org.entrasfo.sfo.face.HeadPose;

/**
 * One person looking at the camera and turning their head, in the five poses a challenge asks for: made once per test
 * run by {@code deploy/face-service/tools/head-turns.js} from one frontal webcam-like frame of a sample photograph
 * ({@link SampleFaces}), by turning the face's 3D mesh. No registry package holds frames of one person turning their
 * head (docs/face-engine.md), so these are the only ones the face factor's browser tests can film.
 */
final class HeadTurnFrames {

    /** A face of a sample photograph: the photograph and the face's rank by size (0 the biggest). */
    record Person(String name, String photo, int rank) {
    }

    /** Sample people whose frame the tool turns within the engine's bounds (measured: docs/face-engine.md). */
    static final Person FIRST = new Person("first", "sample3.jpg", 2);
    static final Person SECOND = new Person("second", "sample5.jpg", 4);
    static final List<Person> PEOPLE = List.of(FIRST, SECOND);

    private static final Path WORK = Path.of("target", "head-turns").toAbsolutePath();
    private static final Path TOOL = FaceServiceUnderTest.SERVICE_DIR.resolve("tools/head-turns.js");
    private static Map<Person, Map<HeadPose, byte[]>> made;

    private HeadTurnFrames() {
    }

    /** The person's five poses as the tool wrote them (JPEG), FRONT the frontal frame the others were turned from. */
    static synchronized Map<HeadPose, byte[]> of(Person person) {
        if (made == null) {
            try {
                made = make();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return made.get(person);
    }

    static Map<HeadPose, BufferedImage> pictures(Person person) {
        Map<HeadPose, BufferedImage> pictures = new EnumMap<>(HeadPose.class);
        try {
            for (Map.Entry<HeadPose, byte[]> pose : of(person).entrySet()) {
                pictures.put(pose.getKey(), ImageIO.read(new java.io.ByteArrayInputStream(pose.getValue())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pictures;
    }

    // All people in one run of the tool, so the engine's models load once (a few seconds on two cores).
    private static Map<Person, Map<HeadPose, byte[]>> make() throws IOException, InterruptedException {
        FaceServiceUnderTest service = FaceServiceUnderTest.get();
        Path in = Files.createDirectories(WORK.resolve("in"));
        Path out = Files.createDirectories(WORK.resolve("out"));
        List<String> command = new ArrayList<>(List.of("node", TOOL.toString(), out.toString()));
        for (Person person : PEOPLE) {
            byte[] photo = SampleFaces.photo(person.photo());
            Path frame = in.resolve(person.name() + ".jpg");
            Files.write(frame, SampleFaces.jpeg(SampleFaces.around(photo, SampleFaces.boxes(service, photo).get(person.rank()), 1.0f)));
            command.add(frame.toString());
        }
        Path log = WORK.resolve("head-turns.log");
        Process tool = new ProcessBuilder(command).directory(FaceServiceUnderTest.SERVICE_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!tool.waitFor(5, TimeUnit.MINUTES) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            throw new IllegalStateException("the head-turn tool failed: " + Files.readString(log));
        }
        Map<Person, Map<HeadPose, byte[]>> frames = new HashMap<>();
        for (Person person : PEOPLE) {
            Map<HeadPose, byte[]> poses = new EnumMap<>(HeadPose.class);
            for (HeadPose pose : HeadPose.values()) {
                poses.put(pose, Files.readAllBytes(out.resolve(person.name() + "-" + pose.name().toLowerCase() + ".jpg")));
            }
            frames.put(person, Map.copyOf(poses));
        }
        return frames;
    }
}
