package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.secrets.LeakScanner;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.AttackLedger;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.ServerLog;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Runs last: every secret the run made (OTP seeds, codes sent by text message and mail, help desk codes, every hint
 * the Entra simulator signed, Twilio's auth token, push device keys and enrolment codes) is looked for in the whole
 * server log and in every event of every realm. Then prints the figures of the security note.
 */
@Order(Integer.MAX_VALUE)
// Runs alone: it reads the whole run's log and event stores, after every other class.
@Isolated
class SecretsNotLoggedIT {

    private static final int PAGE = 1000;

    @Test
    void noSecretOfTheRunIsInTheServerLogOrInAnyEvent() {
        List<RunSecrets.Secret> secrets = RunSecrets.all();
        LeakScanner scanner = new LeakScanner(secrets);
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        List<LeakScanner.Leak> leaks = new ArrayList<>();
        int places = 0;

        for (Path log : logs()) {
            leaks.addAll(scanner.scan(log.getFileName().toString(), read(log)));
            places++;
        }
        for (JsonNode realm : admin.get("")) {
            String name = realm.path("realm").asText();
            leaks.addAll(scanner.scan("events of " + name, allPages(admin, "/" + name + "/events")));
            leaks.addAll(scanner.scan("admin events of " + name, allPages(admin, "/" + name + "/admin-events")));
            places += 2;
        }

        Map<RunSecrets.Kind, Long> byKind = new TreeMap<>(secrets.stream().collect(Collectors.groupingBy(RunSecrets.Secret::kind, Collectors.counting())));
        System.out.printf("Secrets checked: %d %s in %d places (logs, event stores); found: %d%n", secrets.size(), byKind, places, leaks.size());
        printFigures(leaks.size());
        assertThat(leaks).as("secrets of the run found in logs or events (where, kind, masked value)").isEmpty();
    }

    /** The figures of the security note, for the whole run. */
    private static void printFigures(int secretsFound) {
        List<String> here = AttackCatalogue.inThisPackage().stream()
                .filter(test -> !test.startsWith(SecretsNotLoggedIT.class.getName() + "#")).toList();
        List<String> missing = AttackCatalogue.missingReferences();
        List<String> disabled = AttackCatalogue.disabledInThisPackage();
        int cases = here.size() + AttackCatalogue.ELSEWHERE.size() - missing.size();
        System.out.printf("Security note figures: attack cases %d (%d in it/security, %d referenced elsewhere; %d more disabled as known "
                        + "weaknesses: %s); tokens issued without a fresh factor: %d (over %d attacks recorded in this run); "
                        + "secrets found in logs and events: %d%n",
                cases, here.size(), AttackCatalogue.ELSEWHERE.size() - missing.size(), disabled.size(), disabled,
                AttackLedger.tokensWithoutFreshFactor(), AttackLedger.attacksRecorded(), secretsFound);
        if (!missing.isEmpty()) {
            System.out.println("Referenced attack tests not found (renamed?): " + missing);
        }
    }

    /** The console log of the run, Keycloak's own log files, and those of the cluster nodes if the run had them. */
    private static List<Path> logs() {
        Path console = ServerLog.file();
        List<Path> logs = new ArrayList<>(List.of(console));
        Path dataLog = console.getParent().resolve("data/log");
        Path cluster = console.getParent().getParent().resolve("cluster");
        for (Path directory : List.of(dataLog, cluster)) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".log")).sorted().forEach(logs::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return logs;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event of the store, one JSON object a line, page by page. */
    private static String allPages(KeycloakAdmin admin, String path) {
        StringBuilder all = new StringBuilder();
        for (int first = 0; ; first += PAGE) {
            JsonNode page = admin.get(path + "?first=" + first + "&max=" + PAGE);
            page.forEach(event -> all.append(event).append('\n'));
            if (page.size() < PAGE) {
                return all.toString();
            }
        }
    }
}
