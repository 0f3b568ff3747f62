package org.entrasfo.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs the same step in many threads released at one instant, as an attacker fires parallel requests, and returns
 * every result in order. Used to show that a limit holds under races, not only one request after another.
 */
public final class Concurrently {

    private Concurrently() {
    }

    public static <T> List<T> run(int times, IntFunction<T> step) {
        ExecutorService threads = Executors.newFixedThreadPool(times);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> running = new ArrayList<>(times);
            for (int i = 0; i < times; i++) {
                int index = i;
                running.add(threads.submit(() -> {
                    start.await();
                    return step.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>(times);
            for (Future<T> result : running) {
                results.add(result.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a parallel step failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
