package org.entrasfo.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The one Keycloak of a test run (the real distribution with the providers bundle) and the one Entra simulator,
 * started on first use and stopped when the JUnit launcher session closes.
 */
public final class KeycloakUnderTest implements LauncherSessionListener {

    /** Short enough that tests of Microsoft's key rollover need not wait long, as an admin may configure it. */
    static final List<String> TEST_OPTIONS = List.of(
            "--spi-authenticator--entra-hint-broker--jwks-refetch-min-interval-seconds=2");

    private static KeycloakProcess keycloak;
    private static EntraSimulator simulator;

    public static synchronized KeycloakProcess keycloak() {
        if (keycloak == null) {
            try {
                keycloak = KeycloakProcess.start(Path.of(required("keycloak.dist.dir")), Path.of(required("providers.bundle")),
                        KeycloakProcess.Mode.TLS, 0, KeycloakProcess.randomPassword(), TEST_OPTIONS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
        }
    }
}
