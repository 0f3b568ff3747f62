package org.entrasfo.sfo.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class CodeSendLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:10Z");

    private final InMemorySingleUseObjects store = new InMemorySingleUseObjects();
    private final CodeSendLimits limits = new CodeSendLimits(store);

    private static OneTimeCodeSettings settings(int cooldownSeconds, int perHour) {
        return new OneTimeCodeSettings(6, Duration.ofMinutes(5), 3, Duration.ofSeconds(cooldownSeconds), perHour);
    }

    @Test
    void sendsOnceThenTellsHowLongTheCooldownStillRuns() {
        assertThat(limits.claim("realm", "alice", "email", settings(30, 5), NOW)).isEmpty();

        Optional<CodeSendLimits.Refusal> refused = limits.claim("realm", "alice", "email", settings(30, 5), NOW.plusSeconds(12));

        assertThat(refused).contains(new CodeSendLimits.Refusal(CodeSendLimits.Kind.COOLDOWN, 18));
    }

    @Test
    void sendsAgainOnceTheCooldownHasRunOut() {
        limits.claim("realm", "alice", "email", settings(30, 5), NOW);
        store.expire("entra-sfo.code-cooldown.");

        assertThat(limits.claim("realm", "alice", "email", settings(30, 5), NOW.plusSeconds(31))).isEmpty();
    }

    @Test
    void keepsTheCooldownInTheStoreForExactlyItsLength() {
        limits.claim("realm", "alice", "email", settings(45, 5), NOW);

        assertThat(store.lifespanOf("entra-sfo.code-cooldown.realm.alice.email")).isEqualTo(45);
    }

    @Test
    void letsOneOfManyParallelSendsThroughWithinTheCooldown() throws Exception {
        int parallel = 32;
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Optional<CodeSendLimits.Refusal>>> sends = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                sends.add(threads.submit(() -> {
                    start.await();
                    return limits.claim("realm", "alice", "sms", settings(30, 5), NOW);
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Optional<CodeSendLimits.Refusal>> send : sends) {
                allowed += send.get().isEmpty() ? 1 : 0;
            }

            assertThat(allowed).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void holdsTheHourlyQuotaWithoutACooldown() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.claim("realm", "alice", "email", settings(0, 3), NOW.plusSeconds(i))).isEmpty();
        }

        assertThat(limits.claim("realm", "alice", "email", settings(0, 3), NOW.plusSeconds(3)))
                .contains(new CodeSendLimits.Refusal(CodeSendLimits.Kind.HOURLY_QUOTA, 0));
    }

    @Test
    void limitsEachUserAndFactorOnTheirOwn() {
        limits.claim("realm", "alice", "email", settings(30, 1), NOW);

        assertThat(limits.claim("realm", "alice", "sms", settings(30, 1), NOW)).as("another factor").isEmpty();
        assertThat(limits.claim("realm", "bob", "email", settings(30, 1), NOW)).as("another user").isEmpty();
        assertThat(limits.claim("other-realm", "alice", "email", settings(30, 1), NOW)).as("another realm").isEmpty();
    }
}
