package org.entrasfo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/**
 * The SFO round trip as the number of tenant realms on one node grows (issue 17's tenant scale): tenant realms made by
 * the product's provisioning call up to each step of {@code bench.tenants}, then per step the provisioning call's
 * p50/p95 beside stock Keycloak's own realm creation at the same count, Keycloak's heap after a full GC and its growth
 * per realm, and the SFO p50 of the first tenant realm against its p50 when it was alone. In the test suite a smoke run
 * of two steps; the measuring run is in the README ("Benchmark", tenant scale).
 */
class TenantScaleBenchmarkIT {

    private static final int STOCK_CREATIONS_PER_STEP = 3;

    @Test
    void measuresTheSfoRoundTripAsTenantRealmsAreAdded() throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        List<Integer> steps = Arrays.stream(System.getProperty("bench.tenants", "1,3").split(",")).map(String::trim)
                .map(Integer::valueOf).sorted().toList();
        KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
        String prefix = "scale-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        LoadCell cell = new LoadCell(keycloak.processHandle(), settings);
        int concurrency = settings.concurrencies().get(0);

        List<TenantRealm> realms = new ArrayList<>();
        realms.add(TenantRealm.create(prefix + 0, MicrosoftCloud.GLOBAL, Map.of()));
        SfoRoundTrip sfo = new SfoRoundTrip(realms.get(0));
        if (settings.warmupSeconds() > 0) {
            cell.run(sfo, concurrency, 0, settings.warmupSeconds(), 0);
        }
        StringBuilder out = new StringBuilder("| tenant realms | provisioning calls | call p50 ms | call p95 ms "
                + "| stock realm create p50 ms | call p50 ÷ stock create | heap after GC MB "
                + "| heap per added realm KB | SFO operations | SFO errors | SFO p50 ms | SFO p95 ms | SFO p50 ÷ single-realm p50 |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double singleP50 = 0;
        long previousHeap = -1;
        int previousCount = 0;
        List<CellResult> cells = new ArrayList<>();
        for (int step : steps) {
            List<Long> calls = new ArrayList<>();
            while (realms.size() < step) {
                long begin = System.nanoTime();
                realms.add(TenantRealm.create(prefix + realms.size(), MicrosoftCloud.GLOBAL, Map.of()));
                calls.add(System.nanoTime() - begin);
            }
            double stockCreate = stockRealmCreationP50(keycloak, prefix);
            long heap = HeapAfterGc.kilobytes(keycloak.processHandle());
            CellResult result = cell.run(sfo, concurrency, 1, settings.seconds(), settings.iterations());
            cells.add(result);
            long[] latencies = result.latenciesNanos().clone();
            Arrays.sort(latencies);
            double p50 = percentile(latencies, 50);
            if (singleP50 == 0) {
                singleP50 = p50;
            }
            long[] callNanos = calls.stream().mapToLong(Long::longValue).sorted().toArray();
            String perRealm = previousHeap < 0 || heap < 0 || realms.size() == previousCount ? "n/a"
                    : Long.toString((heap - previousHeap) / (realms.size() - previousCount));
            out.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %.0f | %s | %s | %s | %d | %d | %.1f | %.1f | %.2f |%n", realms.size(), calls.size(),
                    callNanos.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", percentile(callNanos, 50)),
                    callNanos.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", percentile(callNanos, 95)),
                    stockCreate, callNanos.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", percentile(callNanos, 50) / stockCreate),
                    heap < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", heap / 1024.0), perRealm, result.operations(), result.errors(),
                    p50, percentile(latencies, 95), p50 / singleP50));
            previousHeap = heap;
            previousCount = realms.size();
        }
        if (settings.timed()) {
            // Only in the measuring run: the smoke run shares its Keycloak with the other tests of the suite.
            out.append("\n").append(StartUp.restartWith(realms.size())).append("\n");
            CellResult afterRestart = sfoOnAFreshServer(sfo, settings, concurrency);
            cells.add(afterRestart);
            long[] latencies = afterRestart.latenciesNanos().clone();
            Arrays.sort(latencies);
            double p50 = percentile(latencies, 50);
            // The single-realm figure was taken on a fresh server too: the same warm-up, so JIT warmth is not compared.
            out.append(String.format(Locale.ROOT, "%nAfter the restart, with the same warm-up as the single realm had: SFO p50 %.1f ms "
                    + "(p95 %.1f, %d operations) with %d tenant realms, %.2f times the single-realm p50 (target at most 1.25)%n",
                    p50, percentile(latencies, 95), afterRestart.operations(), realms.size(), p50 / singleP50));
        }
        String markdown = "Tenant scale: SFO round trips at concurrency " + concurrency + " against the first tenant realm; "
                + SfoBenchmarkIT.Machine.describe() + "\n\n" + out;
        Path file = Path.of("target", "benchmark", "tenant-scale.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown);
        System.out.println(markdown);

        for (CellResult result : cells) {
            assertThat(result.operations()).as("SFO round trips ended in tokens").isPositive();
            assertThat(result.errors()).as("SFO errors (see the test's output)").isZero();
        }
    }

    private static CellResult sfoOnAFreshServer(SfoRoundTrip sfo, BenchmarkSettings settings, int concurrency) throws InterruptedException {
        LoadCell cell = new LoadCell(KeycloakUnderTest.keycloak().processHandle(), settings);
        if (settings.warmupSeconds() > 0) {
            cell.run(sfo, concurrency, 0, settings.warmupSeconds(), 0);
        }
        return cell.run(sfo, concurrency, 1, settings.seconds(), settings.iterations());
    }

    /**
     * What stock Keycloak takes to create a realm at the same number of realms (its admin API, the realm alone, then
     * deleted again so the count stays the tenant realms'): the baseline that tells growth of ours from Keycloak's own.
     */
    private static double stockRealmCreationP50(KeycloakProcess keycloak, String prefix) {
        long[] nanos = new long[STOCK_CREATIONS_PER_STEP];
        for (int i = 0; i < nanos.length; i++) {
            String name = prefix + "stock-" + i;
            long begin = System.nanoTime();
            KeycloakAdmin.Answer created = keycloak.admin().post("", Map.of("realm", name, "enabled", true));
            nanos[i] = System.nanoTime() - begin;
            assertThat(created.status()).as("stock realm %s: %s", name, created.body()).isEqualTo(201);
            assertThat(keycloak.admin().delete("/" + name).status()).isEqualTo(204);
        }
        Arrays.sort(nanos);
        return percentile(nanos, 50);
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
