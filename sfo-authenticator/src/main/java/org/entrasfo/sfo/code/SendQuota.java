package org.entrasfo.sfo.code;

import java.time.Instant;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * At most {@code limit} sends per clock hour for one scope (a user, a realm), counted in Keycloak's single-use store so
 * every cluster node shares the count. Each send claims a numbered slot with an atomic put-if-absent, so the limit
 * holds exactly even when nodes race; a note remembers where the free slots start.
 */
public final class SendQuota {

    private static final long WINDOW_SECONDS = 3600;

    private final SingleUseObjectProvider store;

    public SendQuota(KeycloakSession session) {
        this(session.singleUseObjects());
    }

    public SendQuota(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** Claims one send for {@code scope}; false when the hour's quota is used up. */
    public boolean tryAcquire(String scope, int limit, Instant now) {
        long window = now.getEpochSecond() / WINDOW_SECONDS;
        String prefix = "entra-sfo.send-quota." + scope + "." + window + ".";
        long lifespan = WINDOW_SECONDS - now.getEpochSecond() % WINDOW_SECONDS + 60;
        int start = firstFreeSlotHint(prefix);
        for (int slot = start; slot < limit; slot++) {
            if (store.putIfAbsent(prefix + slot, lifespan)) {
                store.put(prefix + "next", lifespan, Map.of("slot", Integer.toString(slot + 1)));
                return true;
            }
        }
        return false;
    }

    private int firstFreeSlotHint(String prefix) {
        Map<String, String> hint = store.get(prefix + "next");
        try {
            return hint == null ? 0 : Math.max(0, Integer.parseInt(hint.getOrDefault("slot", "0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
