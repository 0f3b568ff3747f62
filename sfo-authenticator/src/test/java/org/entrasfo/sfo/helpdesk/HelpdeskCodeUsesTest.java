package org.entrasfo.sfo.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.sfo.code.SaltedCodeHash;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class HelpdeskCodeUsesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    /** Keycloak's single-use store as the contract describes it: putIfAbsent and remove are atomic. */
    private static final class Store implements SingleUseObjectProvider {
        final Map<String, Long> entries = new ConcurrentHashMap<>();

        @Override public void put(String key, long lifespanSeconds, Map<String, String> notes) { entries.put(key, lifespanSeconds); }
        @Override public Map<String, String> get(String key) { return entries.containsKey(key) ? Map.of() : null; }
        @Override public Map<String, String> remove(String key) { return entries.remove(key) == null ? null : Map.of(); }
        @Override public boolean replace(String key, Map<String, String> notes) { return entries.containsKey(key); }
        @Override public boolean putIfAbsent(String key, long lifespanInSeconds) { return entries.putIfAbsent(key, lifespanInSeconds) == null; }
        @Override public boolean contains(String key) { return entries.containsKey(key); }
        @Override public void close() { }
    }

    private final Store store = new Store();
    private final HelpdeskCodeUses uses = new HelpdeskCodeUses(store);

    private static HelpdeskCode code(int allowed) {
        return new HelpdeskCode("cred-1", SaltedCodeHash.of("12345678"), NOW, NOW.plusSeconds(3600), allowed, AuthenticationMethod.OTP, "op@r");
    }

    @Test
    void aCodeServesExactlyItsAllowedUses() {
        HelpdeskCode code = code(2);

        assertThat(uses.claim(code, 2, code.expiresAt(), NOW)).isPresent();
        assertThat(uses.allTaken(code, 2)).isFalse();
        assertThat(uses.claim(code, 2, code.expiresAt(), NOW)).isPresent();
        assertThat(uses.allTaken(code, 2)).isTrue();
        assertThat(uses.claim(code, 2, code.expiresAt(), NOW)).isEmpty();
    }

    @Test
    void aReleasedUseCanBeClaimedAgain() {
        HelpdeskCode code = code(1);
        Optional<HelpdeskCodeUses.Claim> claim = uses.claim(code, 1, code.expiresAt(), NOW);

        uses.release(claim.orElseThrow());

        assertThat(uses.allTaken(code, 1)).isFalse();
        assertThat(uses.claim(code, 1, code.expiresAt(), NOW)).isPresent();
    }

    @Test
    void aClaimLivesAsLongAsTheCode() {
        HelpdeskCode code = code(1);

        uses.claim(code, 1, code.expiresAt(), NOW);

        assertThat(store.entries.values()).containsExactly(3601L);
    }

    @Test
    void parallelSignInsClaimASingleUseCodeOnce() throws Exception {
        HelpdeskCode code = code(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return uses.claim(code, 1, code.expiresAt(), NOW).isPresent();
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> result : results) {
            won += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
    }
}
