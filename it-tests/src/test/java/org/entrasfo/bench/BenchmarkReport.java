package org.entrasfo.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's figures per scenario and concurrency, summed over the interleaved rounds, and the ratios
 * of the SFO round trip to the stock scenarios measured in the same run.
 */
final class BenchmarkReport {

    record Row(String scenario, int concurrency, long operations, long errors, double throughput, double p50, double p95, double p99,
               double serverCpuMillis, double loadGeneratorCpuMillis, int samplesValid, int samplesInvalid) {
    }

    private final Map<String, List<CellResult>> cells = new LinkedHashMap<>();

    void add(CellResult cell) {
        cells.computeIfAbsent(cell.scenario() + "\u0000" + cell.concurrency(), key -> new ArrayList<>()).add(cell);
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (List<CellResult> same : cells.values()) {
            long ops = 0;
            long errors = 0;
            long elapsed = 0;
            long serverCpu = 0;
            long ownCpu = 0;
            int valid = 0;
            int invalid = 0;
            List<long[]> latencies = new ArrayList<>();
            for (CellResult cell : same) {
                ops += cell.operations();
                errors += cell.errors();
                elapsed += cell.elapsedNanos();
                serverCpu += cell.serverCpuNanos();
                ownCpu += cell.loadGeneratorCpuNanos();
                valid += cell.samplesValid();
                invalid += cell.samplesInvalid();
                latencies.add(cell.latenciesNanos());
            }
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            long done = Math.max(1, ops + errors);
            rows.add(new Row(same.get(0).scenario(), same.get(0).concurrency(), ops, errors, ops / (elapsed / 1e9),
                    percentile(all, 50), percentile(all, 95), percentile(all, 99), serverCpu / 1e6 / done, ownCpu / 1e6 / done, valid, invalid));
        }
        return rows;
    }

    /** The markdown the README quotes: one table, then the ratios per concurrency. */
    String markdown(String sfo, String password, String clientCredentials, int jwksFetches, String machine) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine).append("\n\n");
        out.append("| scenario | concurrency | operations | errors | throughput/s | p50 ms | p95 ms | p99 ms | server CPU/op ms | load generator CPU/op ms | id_tokens checked (failed) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<Row> rows = rows();
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.0f | %.0f | %.0f | %.1f | %.1f | %s |%n", row.scenario(),
                    row.concurrency(), row.operations(), row.errors(), row.throughput(), row.p50(), row.p95(), row.p99(),
                    row.serverCpuMillis(), row.loadGeneratorCpuMillis(),
                    row.samplesValid() + row.samplesInvalid() == 0 ? "" : (row.samplesValid() + row.samplesInvalid()) + " (" + row.samplesInvalid() + ")"));
        }
        out.append("\nJWKS fetches by Keycloak during the benchmark (set-up and warm-up included; target: at most one per cache period): ").append(jwksFetches).append("\n\n");
        out.append("| concurrency | SFO CPU ÷ client-credentials CPU (target ≤ 4) | SFO CPU ÷ password-login CPU (target ≤ 0.125)"
                + " | SFO rate ÷ client-credentials rate (target ≥ 0.25) | SFO rate ÷ password-login rate (target ≥ 6) |\n|---|---|---|---|---|\n");
        rows.stream().filter(r -> r.scenario().equals(sfo)).forEach(s -> {
            Row cc = find(rows, clientCredentials, s.concurrency());
            Row pw = find(rows, password, s.concurrency());
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s |%n", s.concurrency(),
                    ratio(s.serverCpuMillis(), cc == null ? 0 : cc.serverCpuMillis()),
                    ratio(s.serverCpuMillis(), pw == null ? 0 : pw.serverCpuMillis()),
                    ratio(s.throughput(), cc == null ? 0 : cc.throughput()),
                    ratio(s.throughput(), pw == null ? 0 : pw.throughput())));
        });
        return out.toString();
    }

    private static Row find(List<Row> rows, String scenario, int concurrency) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.concurrency() == concurrency).findFirst().orElse(null);
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", a / b);
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
