package org.entrasfo.factor;

import java.time.Instant;

import org.keycloak.common.util.Time;

/**
 * The product's one clock is Keycloak's {@link Time}: what an operator's time offset (and a test) moves, the same
 * clock Keycloak's own sessions and tokens use. This is only its reading as an {@link Instant}, for the rules written
 * with {@code java.time}.
 */
public final class ServerClock {

    private ServerClock() {
    }

    public static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
