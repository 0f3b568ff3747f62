package org.entrasfo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one scenario with n workers, each doing its operation back to back (closed loop), for a fixed time or a fixed
 * number of operations, and measures the window: operations, errors, latencies, and the CPU the server and this JVM
 * used in it. Workers finish the operation in hand at the deadline, so every counted operation is whole.
 */
final class LoadCell {

    private final ProcessHandle server;
    private final BenchmarkSettings settings;

    LoadCell(ProcessHandle server, BenchmarkSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    CellResult run(Scenario scenario, int concurrency, int round, int seconds, int iterations) throws InterruptedException {
        List<Scenario.Operation> operations = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            operations.add(scenario.worker(i));
        }
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<Scenario.Sample> samples = new ConcurrentLinkedQueue<>();
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] deadline = new long[1];
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            latencies[w] = new long[1024];
            Thread thread = new Thread(() -> {
                awaitQuietly(start);
                int done = 0;
                while (seconds > 0 ? System.nanoTime() < deadline[0] : done < iterations) {
                    long begin = System.nanoTime();
                    try {
                        Scenario.Sample sample = operations.get(worker).run();
                        if (sample != Scenario.Sample.NONE && (done == 0 || (done % settings.sampleEvery()) == 0)) {
                            samples.add(sample);
                        }
                    } catch (Exception | AssertionError e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println(scenario.name() + ": " + e);
                        }
                    }
                    if (done == latencies[worker].length) {
                        latencies[worker] = java.util.Arrays.copyOf(latencies[worker], done * 2);
                    }
                    latencies[worker][done++] = System.nanoTime() - begin;
                }
                counts[worker] = done;
            }, "bench-" + worker);
            thread.start();
            threads.add(thread);
        }
        long cpuBefore = ServerCpu.of(server).toNanos();
        long ownCpuBefore = ServerCpu.ofThisJvm().toNanos();
        long begin = System.nanoTime();
        deadline[0] = begin + seconds * 1_000_000_000L;
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - begin;
        long serverCpu = ServerCpu.of(server).toNanos() - cpuBefore;
        long ownCpu = ServerCpu.ofThisJvm().toNanos() - ownCpuBefore;
        long total = 0;
        for (int count : counts) {
            total += count;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (int w = 0; w < concurrency; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        int valid = 0;
        int invalid = 0;
        for (Scenario.Sample sample : samples) {
            if (sample.valid()) {
                valid++;
            } else {
                invalid++;
            }
        }
        return new CellResult(scenario.name(), concurrency, round, total - errors.get(), errors.get(), elapsed, serverCpu, ownCpu, all,
                valid, invalid);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
