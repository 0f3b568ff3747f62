package org.entrasfo.sfo.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class CodeAttemptsTest {

    private final InMemorySingleUseObjects store = new InMemorySingleUseObjects();
    private final CodeAttempts attempts = new CodeAttempts(store);

    @Test
    void numbersTheTriesAtOneCodeAndHasNoneLeftAfterTheLimit() {
        assertThat(attempts.claim("code-a", 3, 300)).hasValue(1);
        assertThat(attempts.claim("code-a", 3, 300)).hasValue(2);
        assertThat(attempts.claim("code-a", 3, 300)).hasValue(3);

        assertThat(attempts.claim("code-a", 3, 300)).isEmpty();
        assertThat(attempts.claim("code-a", 3, 300)).as("a void code stays void").isEmpty();
    }

    @Test
    void countsEachCodeOnItsOwn() {
        attempts.claim("code-a", 1, 300);

        assertThat(attempts.claim("code-a", 1, 300)).isEmpty();
        assertThat(attempts.claim("code-b", 1, 300)).hasValue(1);
    }

    @Test
    void grantsNoMoreTriesThanAllowedWhateverTheParallelism() throws Exception {
        int parallel = 64;
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<OptionalInt>> tries = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                Callable<OptionalInt> attempt = () -> {
                    start.await();
                    return attempts.claim("raced", 3, 300);
                };
                tries.add(threads.submit(attempt));
            }
            start.countDown();
            List<Integer> granted = new ArrayList<>();
            for (Future<OptionalInt> tried : tries) {
                tried.get().ifPresent(granted::add);
            }

            assertThat(granted).containsExactlyInAnyOrder(1, 2, 3);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void keepsTheSlotsAsLongAsItIsTold() {
        attempts.claim("code-a", 3, 360);

        assertThat(store.lifespanOf("entra-sfo.code.code-a.attempt.0")).isEqualTo(360);
    }

    @Test
    void spendsACodeOnce() {
        assertThat(attempts.spend("code-a", 300)).isTrue();
        assertThat(attempts.spend("code-a", 300)).as("a parallel request with the same right code").isFalse();
    }
}
