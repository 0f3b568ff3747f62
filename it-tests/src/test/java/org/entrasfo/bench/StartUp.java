package org.entrasfo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.support.KeycloakUnderTest;

/**
 * Keycloak's start-up time with the tenant realms in its database: the run's Keycloak stopped and started again on the
 * same H2 file database, timed until it reports ready, next to the "started in" Keycloak itself logs.
 */
final class StartUp {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private StartUp() {
    }

    static String restartWith(int tenantRealms) throws IOException {
        long begin = System.nanoTime();
        KeycloakProcess restarted = KeycloakUnderTest.restart();
        double seconds = (System.nanoTime() - begin) / 1e9;
        List<String> log = Files.readAllLines(restarted.logFile());
        String logged = "n/a";
        for (String line : log) {
            Matcher started = STARTED.matcher(line);
            if (started.find()) {
                logged = started.group(1);
            }
        }
        return String.format(Locale.ROOT, "Restart with %d tenant realms in the database: %.1f s from stop to ready; "
                + "Keycloak's own \"started in\": %s s", tenantRealms, seconds, logged);
    }
}
