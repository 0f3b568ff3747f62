package org.entrasfo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/**
 * The SFO round trip against stock Keycloak in one run of the real distribution with the bundle: the four scenarios
 * interleaved round by round at each concurrency, so their ratios come from the same machine state. In the test
 * suite it is a smoke run (a few operations per worker, no timing asserted); the measuring run is
 * {@code mvn -B verify -pl it-tests -am -Pbench} (README, "Benchmark").
 */
class SfoBenchmarkIT {

    @Test
    void measuresTheSfoRoundTripAgainstStockKeycloakInOneRun() throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
        EntraSimulator simulator = KeycloakUnderTest.simulator();
        int jwksBefore = simulator.jwksHits();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        StockRealm stock = StockRealm.create(keycloak, "bench-stock-" + suffix, simulator.receiverUrl());
        SfoRoundTrip sfo = new SfoRoundTrip(TenantRealm.create("bench-tenant-" + suffix, MicrosoftCloud.GLOBAL, Map.of()));
        PasswordLogin password = new PasswordLogin(stock, false);
        ClientCredentials clientCredentials = new ClientCredentials(stock);
        List<Scenario> scenarios = new ArrayList<>();
        addIf(settings, "sfo", sfo, scenarios);
        addIf(settings, "password", password, scenarios);
        addIf(settings, "otp", new PasswordLogin(stock, true), scenarios);
        addIf(settings, "cc", clientCredentials, scenarios);

        LoadCell cell = new LoadCell(keycloak.processHandle(), settings);
        if (settings.warmupSeconds() > 0) {
            for (Scenario scenario : scenarios) {
                cell.run(scenario, settings.concurrencies().get(0), 0, settings.warmupSeconds(), 0);
            }
        }
        String jfr = System.getProperty("bench.jfr", "");
        FlightRecording recording = jfr.isBlank() ? null : FlightRecording.start(keycloak.processHandle(), Path.of(jfr));
        BenchmarkReport report = new BenchmarkReport();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (int concurrency : settings.concurrencies()) {
                // Each round starts with another scenario, so none always runs on the heels of the same one.
                for (int i = 0; i < scenarios.size(); i++) {
                    Scenario scenario = scenarios.get((i + round - 1) % scenarios.size());
                    report.add(cell.run(scenario, concurrency, round, settings.seconds(), settings.iterations()));
                }
            }
        }
        if (recording != null) {
            recording.stop();
        }
        String markdown = report.markdown(sfo.name(), password.name(), clientCredentials.name(), simulator.jwksHits() - jwksBefore,
                Machine.describe());
        Path out = Path.of("target", "benchmark", "sfo-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);
        System.out.println(markdown);

        for (BenchmarkReport.Row row : report.rows()) {
            assertThat(row.operations()).as("%s at %d ended in tokens", row.scenario(), row.concurrency()).isPositive();
            assertThat(row.errors()).as("%s at %d: errors (see the test's output)", row.scenario(), row.concurrency()).isZero();
            assertThat(row.samplesInvalid()).as("%s: id_tokens Entra would refuse", row.scenario()).isZero();
        }
    }

    private static void addIf(BenchmarkSettings settings, String key, Scenario scenario, List<Scenario> scenarios) {
        if (settings.includes(key)) {
            scenarios.add(scenario);
        }
    }

    /** The machine the figures were measured on, printed with them. */
    static final class Machine {

        static String describe() throws IOException {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java " + System.getProperty("java.version")
                    + ", load generator and Keycloak on the same machine";
        }

        private Machine() {
        }
    }
}
