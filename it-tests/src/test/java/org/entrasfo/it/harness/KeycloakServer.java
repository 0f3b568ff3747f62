package org.entrasfo.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The real Keycloak distribution, started once per test run as a child process ({@code bin/kc.sh start}, production
 * mode) with our providers bundle, an H2 file database, a self-signed TLS certificate for {@code localhost} and
 * free loopback ports.
 *
 * <p>{@link #shared()} starts it on first use; a {@link KeycloakSessionListener} stops it when the JUnit launcher
 * session ends, and a JVM shutdown hook plus a small watchdog process (which kills Keycloak when this JVM is gone,
 * even after a {@code SIGKILL}) make sure it never outlives the build.
 *
 * <p>System properties (set by failsafe in {@code it-tests/pom.xml}): {@code keycloak.dist.dir} (the unpacked
 * distribution, never modified), {@code providers.bundle} (the jar to drop into {@code providers/}),
 * {@code keycloak.work.dir} (deleted and recreated; holds the server copy, the certificate and the logs).
 */
public final class KeycloakServer {

    /** The options the product needs on every Keycloak (the same as {@code deploy/conf/entra-sfo.conf}). */
    public static final List<String> PRODUCT_OPTIONS = List.of(
            "--spi-login-protocol--openid-connect--req-params-default-max-size=16384",
            "--spi-login-protocol--openid-connect--add-req-params-max-size=8192");

    public static final String ADMIN_USERNAME = "admin";

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int FAILURE_LOG_LINES = 80;

    private static final List<String> extraOptions = new ArrayList<>();
    private static KeycloakServer shared;
    private static RuntimeException startFailure;

    private final Path workDir;
    private final Path serverDir;
    private final Path logFile;
    private final Path consoleLogFile;
    private final int port;
    private final int managementPort;
    private final String adminPassword;
    private final SSLContext sslContext;
    private final List<String> options;
    private Process process;
    private Process watchdog;
    private KeycloakAdmin admin;

    private KeycloakServer(Path workDir, int port, int managementPort, String adminPassword, SSLContext sslContext,
                           List<String> options) {
        this.workDir = workDir;
        this.serverDir = workDir.resolve("server");
        this.logFile = workDir.resolve("keycloak.log");
        this.consoleLogFile = workDir.resolve("keycloak-console.log");
        this.port = port;
        this.managementPort = managementPort;
        this.adminPassword = adminPassword;
        this.sslContext = sslContext;
        this.options = options;
    }

    /**
     * Registers a server option (like {@code --spi-authenticator--entra-hint-broker--jwks-refetch-min-interval-seconds=1})
     * for the shared server. Must be called before the first {@link #shared()} of the run, e.g. in a static initializer
     * or {@code @BeforeAll} that runs before any test touches the server. Registering an option the running server
     * already has is a no-op; any other option after the start is an {@link IllegalStateException}, because the
     * server is started once per run.
     */
    public static synchronized void addServerOption(String option) {
        if (!option.startsWith("--")) {
            throw new IllegalArgumentException("Server options are command-line options starting with --: " + option);
        }
        if (shared != null || startFailure != null) {
            if (shared != null && shared.options.contains(option)) {
                return;
            }
            throw new IllegalStateException("Keycloak is already started (once per test run); option " + option
                    + " must be registered before the first KeycloakServer.shared(). Running with: " + (shared == null ? "(failed start)" : shared.options));
        }
        if (!extraOptions.contains(option)) {
            extraOptions.add(option);
        }
    }

    /** The Keycloak of this test run, started (and waited for) on the first call. Thread-safe. */
    public static synchronized KeycloakServer shared() {
        if (shared != null) {
            return shared;
        }
        if (startFailure != null) {
            throw new IllegalStateException("Keycloak failed to start earlier in this run", startFailure);
        }
        try {
            shared = start();
            return shared;
        } catch (IOException e) {
            startFailure = new UncheckedIOException(e.getMessage(), e);
            throw startFailure;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    /** Whether {@link #shared()} has started a server in this JVM (and it has not been stopped). */
    public static synchronized boolean isStarted() {
        return shared != null && shared.isRunning();
    }

    /** Stops the shared server if one was started; called at the end of the run. */
    public static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
        }
    }

    private static KeycloakServer start() throws IOException {
        Path distDir = Path.of(requiredProperty("keycloak.dist.dir")).toAbsolutePath();
        Path bundle = Path.of(requiredProperty("providers.bundle")).toAbsolutePath();
        Path workDir = Path.of(requiredProperty("keycloak.work.dir")).toAbsolutePath();
        if (!Files.isExecutable(distDir.resolve("bin/kc.sh"))) {
            throw new IOException("No Keycloak distribution at " + distDir + " (bin/kc.sh missing); run mvn verify");
        }
        if (!Files.isRegularFile(bundle)) {
            throw new IOException("No providers bundle at " + bundle + "; run mvn verify");
        }

        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        Path serverDir = workDir.resolve("server");
        copyDistribution(distDir, serverDir);
        Files.copy(bundle, serverDir.resolve("providers").resolve(bundle.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        String storePassword = randomSecret();
        Path keyStore = workDir.resolve("localhost.p12");
        SSLContext sslContext = generateCertificate(keyStore, storePassword);

        int port = freePort();
        int managementPort = freePort();
        while (managementPort == port) {
            managementPort = freePort();
        }
        String adminPassword = randomSecret();

        List<String> options = new ArrayList<>(List.of(
                "--db=dev-file",
                "--http-enabled=false",
                "--https-port=" + port,
                "--https-key-store-file=" + keyStore,
                "--https-key-store-password=" + storePassword,
                "--hostname=https://localhost:" + port,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--metrics-enabled=true",
                "--event-metrics-user-enabled=true",
                "--log=console,file",
                "--log-file=" + workDir.resolve("keycloak.log"),
                "--log-level=INFO,org.entrasfo:DEBUG"));
        options.addAll(PRODUCT_OPTIONS);
        synchronized (KeycloakServer.class) {
            options.addAll(extraOptions);
        }

        KeycloakServer server = new KeycloakServer(workDir, port, managementPort, adminPassword, sslContext,
                Collections.unmodifiableList(options));
        server.launch();
        try {
            server.awaitReady();
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        boolean ownGroup = Files.isExecutable(setsid);
        if (ownGroup) {
            // Its own process group: a Ctrl-C of the build reaches our shutdown hook, not Keycloak directly,
            // and the watchdog can signal kc.sh and its java together.
            command.add(setsid.toString());
        }
        command.add(serverDir.resolve("bin/kc.sh").toString());
        command.add("start");
        command.addAll(options);

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(serverDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLogFile.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_") || name.startsWith("QUARKUS_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        Files.writeString(workDir.resolve("command.txt"),
                String.join(" ", command).replace(adminPassword, "***") + System.lineSeparator());

        process = builder.start();
        process.getOutputStream().close();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "keycloak-server-stop"));
        watchdog = startWatchdog(process.pid(), ownGroup);
    }

    /**
     * A shell that waits for this JVM to disappear and then stops Keycloak (TERM, then KILL after the grace period):
     * the last line of defence when the test JVM is killed without running its shutdown hooks.
     */
    private Process startWatchdog(long keycloakPid, boolean ownGroup) {
        String target = ownGroup ? "-- -" + keycloakPid : String.valueOf(keycloakPid);
        String script = "trap '' INT HUP\n"
                + "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null && kill -0 " + target + " 2>/dev/null; do sleep 1; done\n"
                + "kill -0 " + target + " 2>/dev/null || exit 0\n"
                + "kill -TERM " + target + " 2>/dev/null\n"
                + "i=0; while [ $i -lt " + STOP_GRACE.toSeconds() + " ]; do kill -0 " + target + " 2>/dev/null || exit 0; sleep 1; i=$((i+1)); done\n"
                + "kill -KILL " + target + " 2>/dev/null\n";
        List<String> command = new ArrayList<>();
        if (ownGroup) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of("/bin/sh", "-c", script));
        try {
            Process started = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            started.getOutputStream().close();
            return started;
        } catch (IOException e) {
            return null; // the shutdown hook and the launcher session listener still stop Keycloak
        }
    }

    private void awaitReady() throws IOException {
        HttpClient client = httpClientBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI ready = URI.create(managementUrl() + "/health/ready");
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited with status " + process.exitValue() + " before it was ready. "
                        + "Last " + FAILURE_LOG_LINES + " lines of " + consoleLogFile + ":\n" + logTail(FAILURE_LOG_LINES));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new IOException("Keycloak was not ready within " + STARTUP_TIMEOUT + " (" + ready + ": " + last + "). "
                + "Last " + FAILURE_LOG_LINES + " lines of " + consoleLogFile + ":\n" + logTail(FAILURE_LOG_LINES));
    }

    /** {@code https://localhost:PORT}, also Keycloak's configured hostname (so the issuer of realm R is {@code realmUrl(R)}). */
    public String baseUrl() {
        return "https://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public String discoveryUrl(String realm) {
        return realmUrl(realm) + "/.well-known/openid-configuration";
    }

    public String authorizationEndpoint(String realm) {
        return realmUrl(realm) + "/protocol/openid-connect/auth";
    }

    public String tokenEndpoint(String realm) {
        return realmUrl(realm) + "/protocol/openid-connect/token";
    }

    /** The management interface ({@code /health}, {@code /metrics}); https with the same certificate. */
    public String managementUrl() {
        return "https://localhost:" + managementPort;
    }

    public String adminUsername() {
        return ADMIN_USERNAME;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Keycloak's own log file ({@code --log-file}); the one to search for log lines of our providers. */
    public Path logFile() {
        return logFile;
    }

    /** Everything {@code kc.sh} printed (stdout and stderr), including the build step before logging starts. */
    public Path consoleLogFile() {
        return consoleLogFile;
    }

    public Path workDir() {
        return workDir;
    }

    /** The options {@code kc.sh start} got (the key store password included). */
    public List<String> serverOptions() {
        return options;
    }

    /** An SSL context that trusts exactly the generated certificate of this server. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** An HTTP client builder (HTTP/1.1, trusting this server's certificate, redirects not followed). */
    public HttpClient.Builder httpClientBuilder() {
        return HttpClient.newBuilder()
                .sslContext(sslContext)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10));
    }

    /** The admin REST client of this server (one per server, thread-safe). */
    public synchronized KeycloakAdmin admin() {
        if (admin == null) {
            admin = new KeycloakAdmin(httpClientBuilder().build(), baseUrl(), ADMIN_USERNAME, adminPassword);
        }
        return admin;
    }

    /** A new browser (its own cookies) that trusts this server. */
    public BrowserClient newBrowser() {
        return new BrowserClient(sslContext);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The last {@code lines} lines Keycloak printed. */
    public String logTail(int lines) {
        return tail(consoleLogFile, lines);
    }

    /** The lines of {@link #logFile()} written so far. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops Keycloak: SIGTERM to {@code kc.sh} and its java (a graceful Quarkus shutdown), SIGKILL to whatever is
     * left after 20 seconds. Idempotent.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // forced below
                }
            }
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (watchdog != null) {
            watchdog.destroy();
        }
    }

    private static void copyDistribution(Path from, Path to) throws IOException {
        // Skip what an earlier, in-place run may have left in the distribution: its database, logs and providers.
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(dir);
                if (relative.toString().equals("data")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(file);
                String name = relative.toString();
                boolean strayLog = relative.getNameCount() == 1 && name.endsWith(".log");
                boolean strayProvider = relative.getNameCount() == 2 && relative.startsWith("providers") && name.endsWith(".jar");
                boolean strayKeyStore = relative.startsWith("conf") && name.endsWith(".p12");
                if (!strayLog && !strayProvider && !strayKeyStore) {
                    Files.copy(file, to.resolve(name), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static SSLContext generateCertificate(Path keyStore, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", "localhost",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-keypass", password);
        Process keytoolProcess = new ProcessBuilder(command).redirectErrorStream(true).start();
        keytoolProcess.getOutputStream().close();
        String output = new String(keytoolProcess.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!keytoolProcess.waitFor(60, TimeUnit.SECONDS) || keytoolProcess.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running keytool", e);
        }
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            Certificate certificate = store.getCertificate("localhost");
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("keycloak-under-test", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot load the generated key store " + keyStore, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the integration tests with mvn verify");
        }
        return value;
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ": " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
