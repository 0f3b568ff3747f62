package org.entrasfo.it.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

/**
 * The real Keycloak distribution as a child process: our providers bundle in {@code providers/}, an H2 file database,
 * free loopback ports. {@link Mode#TLS} is what the tests use (a self-signed certificate for localhost, so the issuer
 * is https like Entra requires); {@link Mode#DEV} is the demo's {@code start-dev} on plain http.
 */
public final class KeycloakProcess implements KeycloakEndpoint, AutoCloseable {

    public enum Mode { TLS, DEV }

    /** Five minutes on an idle CI machine; a developer whose machine is busy may allow more (-Dkeycloak.startup.minutes). */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(Long.getLong("keycloak.startup.minutes", 5));

    private final Process process;
    private final Mode mode;
    private final int port;
    private final int managementPort;
    private final String adminPassword;
    private final Path logFile;
    private final SSLContext sslContext;
    private final ProcessBuilder builder;
    private Path trustStore;

    private KeycloakProcess(ProcessBuilder builder, Process process, Mode mode, int port, int managementPort, String adminPassword, Path logFile,
                            SSLContext sslContext) {
        this.builder = builder;
        this.process = process;
        this.mode = mode;
        this.port = port;
        this.managementPort = managementPort;
        this.adminPassword = adminPassword;
        this.logFile = logFile;
        this.sslContext = sslContext;
    }

    /**
     * Starts the distribution in {@code distDir} (its {@code data/} is wiped first) and waits until it is ready.
     * {@code port} 0 picks a free one.
     */
    public static KeycloakProcess start(Path distDir, Path providersBundle, Mode mode, int port, String adminPassword,
                                        List<String> extraOptions) throws IOException {
        return start(distDir, providersBundle, List.of(), mode, port, adminPassword, extraOptions);
    }

    /** The same, with providers only a test server gets next to the bundle (the test clock). */
    public static KeycloakProcess start(Path distDir, Path providersBundle, List<Path> testProviders, Mode mode, int port,
                                        String adminPassword, List<String> extraOptions) throws IOException {
        int httpPort = port == 0 ? freePort() : port;
        List<String> command = new ArrayList<>();
        SSLContext sslContext = null;
        Path trustStore = null;
        if (mode == Mode.TLS) {
            SelfSignedTls tls = SelfSignedTls.create(distDir.resolve("conf/localhost.p12"));
            sslContext = tls.sslContext();
            trustStore = tls.trustStore();
            // A single local node: production mode would otherwise form a cluster on a non-loopback interface.
            command.addAll(List.of("start", "--cache=local"));
            command.addAll(httpsOptions(tls, httpPort, "https://localhost:" + httpPort));
        } else {
            command.addAll(List.of("start-dev", "--http-port=" + httpPort, "--hostname=http://localhost:" + httpPort));
        }
        command.add("--db=dev-file");
        command.addAll(extraOptions);
        KeycloakProcess keycloak = launch(distDir, providersBundle, testProviders, mode, httpPort, adminPassword, sslContext, command);
        keycloak.trustStore = trustStore;
        return keycloak;
    }

    /**
     * One node of a cluster behind a load balancer: every node shares the certificate and the public URL (the
     * issuer), and the caller names the database and cache options.
     */
    public static KeycloakProcess startClusterNode(Path distDir, Path providersBundle, SelfSignedTls tls, int httpsPort,
                                                   String publicUrl, String adminPassword, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of("start"));
        command.addAll(httpsOptions(tls, httpsPort, publicUrl));
        command.addAll(options);
        return launch(distDir, providersBundle, List.of(), Mode.TLS, httpsPort, adminPassword, tls.sslContext(), command);
    }

    private static List<String> httpsOptions(SelfSignedTls tls, int httpsPort, String publicUrl) {
        return List.of("--http-enabled=false", "--https-port=" + httpsPort,
                "--https-key-store-file=" + tls.keyStore(), "--https-key-store-password=" + tls.password(),
                "--hostname=" + publicUrl);
    }

    private static KeycloakProcess launch(Path distDir, Path providersBundle, List<Path> testProviders, Mode mode, int httpPort,
                                          String adminPassword, SSLContext sslContext, List<String> options) throws IOException {
        Path providers = distDir.resolve("providers");
        try (Stream<Path> old = Files.list(providers)) {
            for (Path jar : old.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.delete(jar);
            }
        }
        // With their own modification time: Keycloak rebuilds when a provider's time differs from the one it built with.
        Files.copy(providersBundle, providers.resolve(providersBundle.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        for (Path testProvider : testProviders) {
            Files.copy(testProvider, providers.resolve(testProvider.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        deleteRecursively(distDir.resolve("data"));

        int managementPort = freePort();
        Path logFile = distDir.resolve("keycloak-console.log");
        List<String> command = new ArrayList<>(List.of(distDir.resolve("bin/kc.sh").toString()));
        command.addAll(options);
        command.addAll(List.of("--http-host=127.0.0.1", "--http-management-port=" + managementPort,
                "--health-enabled=true", "--metrics-enabled=true", "--event-metrics-user-enabled=true",
                "--log=console,file", "--log-file=" + distDir.resolve("data/log/keycloak.log"),
                "--log-level=" + System.getProperty("keycloak.log.level", "INFO,org.entrasfo:DEBUG")));
        command.addAll(ServerOptions.REQUIRED);

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(distDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        builder.environment().putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        KeycloakProcess keycloak = new KeycloakProcess(builder, builder.start(), mode, httpPort, managementPort, adminPassword, logFile, sslContext);
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
        keycloak.awaitReady();
        return keycloak;
    }

    public static String randomPassword() {
        return UUID.randomUUID().toString();
    }

    @Override
    public String baseUrl() {
        return (mode == Mode.TLS ? "https" : "http") + "://localhost:" + port;
    }

    public String managementUrl() {
        return (mode == Mode.TLS ? "https" : "http") + "://localhost:" + managementPort;
    }

    @Override
    public String adminPassword() {
        return adminPassword;
    }

    /** A PKCS12 trust store with this Keycloak's certificate (password {@link SelfSignedTls#TRUST_STORE_PASSWORD}); TLS mode only. */
    public Path trustStore() {
        return trustStore;
    }

    /** The same certificate in PEM, for curl ({@code CURL_CA_BUNDLE}); TLS mode only. */
    public Path certificatePem() {
        return trustStore == null ? null : trustStore.resolveSibling(trustStore.getFileName().toString().replace(".truststore.p12", ".pem"));
    }

    public Path logFile() {
        return logFile;
    }

    /** Trusts the generated certificate (TLS mode) or nothing special (dev mode). */
    @Override
    public HttpClient.Builder httpClientBuilder() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        return sslContext == null ? builder : builder.sslContext(sslContext);
    }

    /** The server's process (kc.sh and the JVM it runs), e.g. to read the CPU time it used. */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady() throws IOException {
        HttpClient client = httpClientBuilder().build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited with " + process.exitValue() + ":\n" + tail(80));
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofSeconds(1));
        }
        close();
        throw new IOException("Keycloak was not ready within " + STARTUP_TIMEOUT + ":\n" + tail(80));
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (kc.sh forwards it to the server), then forcibly after 20 seconds; the process never outlives the run. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        tree.forEach(handle -> {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        });
    }

    /**
     * Stops this node and starts it again with the same options, ports and database (its realms stay), returning once
     * it is ready: the benchmark's start-up time with many tenant realms. This object is closed afterwards.
     */
    public KeycloakProcess restart() throws IOException {
        close();
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        KeycloakProcess restarted = new KeycloakProcess(builder, builder.start(), mode, port, managementPort, adminPassword, logFile, sslContext);
        restarted.trustStore = trustStore;
        Runtime.getRuntime().addShutdownHook(new Thread(restarted::close));
        restarted.awaitReady();
        return restarted;
    }

    /** Kills the node as a crash would: no shutdown, no goodbye to the cluster. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // the OS reaps it
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
