package org.entrasfo.sfo.helpdesk;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * The uses of a help desk code, counted in Keycloak's single-use store: each sign-in claims one use atomically before
 * it completes, so a code serves exactly as many sign-ins as allowed even when several browsers (on several cluster
 * nodes) type it at once, and a completion refused at the last moment gives its use back.
 */
final class HelpdeskCodeUses {

    private final SingleUseObjectProvider store;

    HelpdeskCodeUses(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** One claimed use of one code. */
    record Claim(String key) {
    }

    /** A free use of the code, now taken; empty when every allowed use is taken (the code is spent). */
    Optional<Claim> claim(HelpdeskCode code, int allowedUses, Instant expiresAt, Instant now) {
        // Kept as long as the code lives: after that the code itself refuses.
        long lifespan = Math.max(1, Duration.between(now, expiresAt).toSeconds() + 1);
        for (int use = 0; use < allowedUses; use++) {
            String key = key(code, use);
            if (store.putIfAbsent(key, lifespan)) {
                return Optional.of(new Claim(key));
            }
        }
        return Optional.empty();
    }

    /** Gives a use back: its sign-in did not complete. */
    void release(Claim claim) {
        store.remove(claim.key());
    }

    /** True when no use is left, so the credential can go. */
    boolean allTaken(HelpdeskCode code, int allowedUses) {
        return IntStream.range(0, allowedUses).allMatch(use -> store.contains(key(code, use)));
    }

    private static String key(HelpdeskCode code, int use) {
        return code.credentialId() + ".use." + use;
    }
}
