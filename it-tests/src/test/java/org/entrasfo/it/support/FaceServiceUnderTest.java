package org.entrasfo.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in face service of a test run ({@code deploy/face-service}, Node), installed with {@code npm ci} when its
 * packages are missing and started once on first use, on a free loopback port with a random API key; stopped when the
 * JVM ends. The real engine with its real models: the one face stand-in is CompreFace's, for the adapter's own tests.
 */
public final class FaceServiceUnderTest {

    public static final Path SERVICE_DIR = Path.of("..", "deploy", "face-service").toAbsolutePath().normalize();
    /** The MIT-licensed sample photographs that come with the service's dev dependency (docs/face-engine.md). */
    private static final Path SAMPLES = SERVICE_DIR.resolve("node_modules/@vladmandic/face-api/demo");
    private static final Path NPM_LOG = Path.of("target", "face-service-npm.log").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("face service listening on [^:]+:(\\d+)");

    private static FaceServiceUnderTest running;

    private final Process process;
    private final URI baseUrl;
    private final String apiKey;

    private FaceServiceUnderTest(Process process, URI baseUrl, String apiKey) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public static synchronized FaceServiceUnderTest get() {
        if (running == null) {
            running = unchecked(() -> {
                install();
                return start();
            });
            Runtime.getRuntime().addShutdownHook(new Thread(() -> running.process.destroy()));
        }
        return running;
    }

    /**
     * A sample photograph that ships with the service's models, installed first if no class has yet: classes run two at
     * a time, so the first to read a photo may come before the first to start the service.
     */
    public static synchronized Path samplePhoto(String name) {
        return unchecked(() -> {
            install();
            return SAMPLES.resolve(name);
        });
    }

    /** A step that runs npm or node, waited for. */
    private interface ProcessStep<T> {
        T run() throws IOException, InterruptedException;
    }

    private static <T> T unchecked(ProcessStep<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    private static void install() throws IOException, InterruptedException {
        if (Files.isDirectory(SERVICE_DIR.resolve("node_modules/@vladmandic/human")) && Files.isDirectory(SAMPLES)) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
                .directory(SERVICE_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(NPM_LOG.toFile()).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci of the face service failed; see " + NPM_LOG);
        }
    }

    private static FaceServiceUnderTest start() throws IOException, InterruptedException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String key = "it-" + HexFormat.of().formatHex(random);
        // Keycloak holds it (sealed) for every face realm of the run: it must never reach a log or an event.
        org.entrasfo.it.secrets.RunSecrets.add(org.entrasfo.it.secrets.RunSecrets.Kind.FACE_ENGINE_KEY, key);
        ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(SERVICE_DIR.toFile()).redirectErrorStream(true);
        builder.environment().put("FACE_SERVICE_API_KEYS", key);
        builder.environment().put("FACE_SERVICE_PORT", "0");
        builder.environment().put("FACE_SERVICE_HOST", "127.0.0.1");
        Process process = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("the face service ended before listening"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "face-service-output");
        reader.setDaemon(true);
        reader.start();
        try {
            // Loading the models and warming up WASM takes a few seconds on two cores.
            return new FaceServiceUnderTest(process, URI.create("http://127.0.0.1:" + port.get(2, TimeUnit.MINUTES)), key);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the face service did not start", e);
        }
    }
}
