package org.entrasfo.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The log of the Keycloak under test, read from a mark on: what the server wrote while a test ran. */
public final class ServerLog {

    /** A log record starts with its time stamp; exception messages and frames that follow it belong to it. */
    private static final Pattern RECORD = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

    private ServerLog() {
    }

    public static Path file() {
        return KeycloakUnderTest.keycloak().logFile();
    }

    /** Where the log ends now. */
    public static long mark() {
        try {
            return Files.size(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String since(long mark) {
        try (RandomAccessFile log = new RandomAccessFile(file().toFile(), "r")) {
            long length = log.length();
            if (length <= mark) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - mark, 64L * 1024 * 1024)];
            log.seek(mark);
            log.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A logged exception: the log record's first line, and the frames ("at ...", "Caused by: ...") below it. */
    public record StackTrace(String header, List<String> frames) {

        /** Thrown through or logged by our providers, or a request Keycloak answered with a server error. */
        public boolean involvesOurCode() {
            return header.contains("org.entrasfo") || header.contains("Uncaught server error")
                    || frames.stream().anyMatch(frame -> frame.contains("org.entrasfo"));
        }
    }

    /** Every stack trace the server logged since the mark. */
    public static List<StackTrace> stackTracesSince(long mark) {
        String[] lines = since(mark).split("\n");
        List<StackTrace> traces = new ArrayList<>();
        String header = null;
        List<String> frames = null;
        for (String line : lines) {
            if (RECORD.matcher(line).lookingAt()) {
                if (frames != null && !frames.isEmpty()) {
                    traces.add(new StackTrace(header, frames));
                }
                header = line;
                frames = new ArrayList<>();
            } else if (frames != null && (line.startsWith("\tat ") || line.startsWith("Caused by: ") || line.startsWith("\t... "))) {
                frames.add(line);
            }
        }
        if (frames != null && !frames.isEmpty()) {
            traces.add(new StackTrace(header, frames));
        }
        return traces;
    }

    /**
     * The first lines of the stack traces since the mark that involve our code. Keycloak's own (it logs some invalid
     * requests with a stack trace before any step of ours runs) are printed for the record, not counted.
     */
    public static List<String> ourStackTracesSince(long mark) {
        List<String> ours = new ArrayList<>();
        for (StackTrace trace : stackTracesSince(mark)) {
            if (trace.involvesOurCode()) {
                ours.add(trace.header());
            } else {
                System.out.println("Keycloak's own stack trace (not ours): " + trace.header());
            }
        }
        return ours;
    }
}
