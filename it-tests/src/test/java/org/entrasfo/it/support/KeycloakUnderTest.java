package org.entrasfo.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.pushsim.PushServiceStandIn;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The one Keycloak of a test run (the real distribution with the providers bundle) and the one Entra simulator,
 * started on first use and stopped when the JUnit launcher session closes.
 */
public final class KeycloakUnderTest implements LauncherSessionListener {

    /**
     * Push requests per minute per source address. Not the default (600), so a test proves the option is read; not
     * small, because every test of the run reaches Keycloak from 127.0.0.1: the limit's own test uses another address.
     */
    public static final int PUSH_REQUESTS_PER_MINUTE = 500;

    /** Short enough that tests of Microsoft's key rollover need not wait long, as an admin may configure it. */
    static final List<String> TEST_OPTIONS = List.of(
            "--spi-authenticator--entra-hint-broker--jwks-refetch-min-interval-seconds=2",
            // A Twilio that does not answer must fail fast enough for a test to wait for it.
            "--spi-authenticator--sfo-sms-code--twilio-read-timeout-millis=3000",
            "--spi-realm-restapi-extension--sfo-push--requests-per-minute=" + PUSH_REQUESTS_PER_MINUTE);

    /** Twilio credentials of the tests; the stand-in accepts only these. */
    public static final String TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String TWILIO_AUTH_TOKEN = "twilio-test-auth-token-0001";

    private static KeycloakProcess keycloak;
    private static EntraSimulator simulator;
    private static TwilioStandIn twilio;
    private static Path vaultDir;
    private static PushServiceStandIn pushService;

    public static synchronized KeycloakProcess keycloak() {
        if (keycloak == null) {
            try {
                List<String> options = new ArrayList<>(TEST_OPTIONS);
                options.add("--spi-authenticator--sfo-sms-code--twilio-base-url=" + twilio().baseUrl());
                // The realm sends pushes only to allowed push services; the tests' one is on loopback.
                options.add("--spi-authenticator--sfo-push--push-services=" + pushService().origin());
                options.add("--vault=file");
                options.add("--vault-dir=" + vaultDir());
                keycloak = KeycloakProcess.start(Path.of(required("keycloak.dist.dir")), Path.of(required("providers.bundle")),
                        testProviders(), KeycloakProcess.Mode.TLS, 0, KeycloakProcess.randomPassword(), options);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keycloak;
    }

    /** Restarts the run's Keycloak on its database (realms and users stay); only for the tenant-scale benchmark's start-up time. */
    public static synchronized KeycloakProcess restart() throws IOException {
        keycloak = keycloak().restart();
        return keycloak;
    }

    public static synchronized EntraSimulator simulator() {
        if (simulator == null) {
            try {
                simulator = EntraSimulator.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return simulator;
    }

    /** Keycloak's file vault of the run: a secret {@code ${vault.key}} of realm r is the file {@code r_key}. */
    public static synchronized Path vaultDir() {
        if (vaultDir == null) {
            try {
                vaultDir = Files.createTempDirectory("entra-sfo-vault");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return vaultDir;
    }

    /** Plays Twilio's REST API; Keycloak's SMS factor is pointed at it by a server option. */
    public static synchronized TwilioStandIn twilio() {
        if (twilio == null) {
            try {
                twilio = new TwilioStandIn(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return twilio;
    }

    /** Plays a Web Push service (RFC 8030) for devices enrolled with a subscription. */
    public static synchronized PushServiceStandIn pushService() {
        if (pushService == null) {
            try {
                pushService = new PushServiceStandIn();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pushService;
    }

    /** The jars of {@code test.providers.dir} (the test clock): for the Keycloak under test only, never the bundle. */
    private static List<Path> testProviders() throws IOException {
        String dir = System.getProperty("test.providers.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return List.of();
        }
        try (var jars = Files.list(Path.of(dir))) {
            return jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests with mvn verify");
        }
        return value;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        synchronized (KeycloakUnderTest.class) {
            if (keycloak != null) {
                keycloak.close();
                keycloak = null;
            }
            if (simulator != null) {
                simulator.close();
                simulator = null;
            }
            if (twilio != null) {
                twilio.close();
                twilio = null;
            }
            if (pushService != null) {
                pushService.close();
                pushService = null;
            }
        }
    }
}
