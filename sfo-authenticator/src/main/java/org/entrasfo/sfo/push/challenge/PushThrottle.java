package org.entrasfo.sfo.push.challenge;

import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Push fatigue limits, per user and shared by all nodes: the first {@value #IMMEDIATE} challenges within
 * {@value #WINDOW_SECONDS} s go out at once (a user who cancelled and starts again), each further one must wait longer
 * after the previous one (5 s, 10 s, 20 s, ... at most 5 minutes), and after {@value #MAX_UNANSWERED} unanswered
 * challenges in a row none is made until the window has passed. An approval clears the count; a timeout never counts
 * as a failure for the brute-force protector, it only slows the next push.
 */
public final class PushThrottle {

    static final long WINDOW_SECONDS = 900;
    static final int MAX_UNANSWERED = 5;
    static final int IMMEDIATE = 2;
    static final long FIRST_WAIT_SECONDS = 5;
    static final long LONGEST_WAIT_SECONDS = 300;

    /** Zero when a challenge may be made now; otherwise how many seconds the user has to wait. */
    public record Decision(long waitSeconds, boolean exhausted) {
        public boolean allowed() {
            return waitSeconds == 0;
        }
    }

    private final SingleUseObjectProvider store;

    public PushThrottle(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    public Decision check(String realmId, String userId, long now) {
        Map<String, String> notes = store.get(key(realmId, userId));
        if (notes == null) {
            return new Decision(0, false);
        }
        return decide(Integer.parseInt(notes.getOrDefault("count", "0")), Long.parseLong(notes.getOrDefault("last", "0")), now);
    }

    /** The rule itself: {@code made} unanswered challenges in the window, the last one at {@code last}. */
    static Decision decide(int made, long last, long now) {
        if (made >= MAX_UNANSWERED) {
            return new Decision(Math.max(1, last + WINDOW_SECONDS - now), true);
        }
        long wait = made < IMMEDIATE ? 0 : Math.min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS << Math.min(made - IMMEDIATE, 16));
        return new Decision(Math.max(0, last + wait - now), false);
    }

    public void recordCreated(String realmId, String userId, long now) {
        Map<String, String> notes = store.get(key(realmId, userId));
        int made = notes == null ? 0 : Integer.parseInt(notes.getOrDefault("count", "0"));
        store.put(key(realmId, userId), WINDOW_SECONDS, Map.of("count", Integer.toString(made + 1), "last", Long.toString(now)));
    }

    public void clear(String realmId, String userId) {
        store.remove(key(realmId, userId));
    }

    private static String key(String realmId, String userId) {
        return "entra-sfo.push.throttle." + realmId + "." + userId;
    }
}
