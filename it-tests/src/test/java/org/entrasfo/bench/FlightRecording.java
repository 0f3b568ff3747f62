package org.entrasfo.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A JDK Flight Recorder recording of the Keycloak JVM over the measured rounds only (not its start-up), started and
 * dumped with {@code jcmd}: {@code -Dbench.jfr=/path/file.jfr}, read with {@code jfr print} or JDK Mission Control.
 */
final class FlightRecording {

    private final long pid;
    private final Path file;

    private FlightRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static FlightRecording start(ProcessHandle server, Path file) throws IOException, InterruptedException {
        long pid = Stream.concat(Stream.of(server), server.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no JVM under the Keycloak process")).pid();
        FlightRecording recording = new FlightRecording(pid, file.toAbsolutePath());
        recording.jcmd("JFR.start", "name=sfo-bench", "settings=profile");
        return recording;
    }

    void stop() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=sfo-bench", "filename=" + file);
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " exited with " + process.exitValue());
        }
    }
}
