package org.entrasfo.sfo.fuzz;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the inputs a fuzz target ran and prints the count once, so the build log shows how much fuzzing each target
 * got (the figure the security note quotes). Jazzer calls the target directly, past JUnit, so the target counts itself.
 */
public final class FuzzExecutions {

    private final String target;
    private final AtomicLong inputs = new AtomicLong();
    private final long startedNanos = System.nanoTime();

    public FuzzExecutions(String target) {
        this.target = target;
    }

    public void ran() {
        inputs.incrementAndGet();
    }

    public void report() {
        boolean fuzzing = "1".equals(System.getenv("JAZZER_FUZZ")) || "true".equalsIgnoreCase(System.getenv("JAZZER_FUZZ"));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        System.out.printf("[fuzz] %s: %d %s in %d s%n", target, inputs.get(),
                fuzzing ? "executions (fuzzing)" : "seed inputs (regression)", seconds);
    }
}
