package org.entrasfo.factor.fuzz;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the inputs a fuzz target ran and prints the count once, so the build log shows how much fuzzing each target
 * got (the figure the security note quotes). Jazzer calls the target directly, past JUnit, so the target counts itself.
 */
public final class FuzzExecutions {

    private final String target;
    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong firstInputNanos = new AtomicLong();

    public FuzzExecutions(String target) {
        this.target = target;
    }

    public void ran() {
        if (inputs.getAndIncrement() == 0) {
            firstInputNanos.set(System.nanoTime());
        }
    }

    public void report() {
        boolean fuzzing = "1".equals(System.getenv("JAZZER_FUZZ")) || "true".equalsIgnoreCase(System.getenv("JAZZER_FUZZ"));
        // From the first input on: the JVM's and Jazzer's start-up are not fuzzing time.
        long seconds = inputs.get() == 0 ? 0 : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - firstInputNanos.get());
        System.out.printf("[fuzz] %s: %d %s in %d s%n", target, inputs.get(),
                fuzzing ? "executions (fuzzing)" : "seed inputs (regression)", seconds);
    }
}
