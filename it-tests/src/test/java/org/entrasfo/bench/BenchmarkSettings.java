package org.entrasfo.bench;

import java.util.Arrays;
import java.util.List;

/**
 * How long and how hard the benchmark runs, from system properties. The defaults are the smoke run of the test suite
 * (a few operations per worker, no timing); the {@code bench} profile of it-tests sets the measuring run.
 *
 * @param seconds      measured seconds per scenario, concurrency and round; 0: {@code iterations} per worker instead
 * @param iterations   operations per worker when {@code seconds} is 0
 * @param sampleEvery  every n-th id_token of the SFO round trip is checked as Entra checks it (and each worker's first)
 */
record BenchmarkSettings(int rounds, int seconds, int iterations, int warmupSeconds, List<Integer> concurrencies, int sampleEvery,
                         String only) {

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(
                Integer.getInteger("bench.rounds", 1),
                Integer.getInteger("bench.seconds", 0),
                Integer.getInteger("bench.iterations", 3),
                Integer.getInteger("bench.warmup.seconds", 0),
                Arrays.stream(System.getProperty("bench.concurrencies", "2").split(",")).map(String::trim).map(Integer::valueOf).toList(),
                Integer.getInteger("bench.sample.every", 25),
                System.getProperty("bench.only", ""));
    }

    boolean timed() {
        return seconds > 0;
    }

    /** {@code bench.only=sfo} runs the SFO round trip alone, e.g. under a profiler. */
    boolean includes(String key) {
        return only.isBlank() || Arrays.asList(only.split(",")).contains(key);
    }
}
