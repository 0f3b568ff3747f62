package org.entrasfo.it.support;

import java.time.Duration;

import org.entrasfo.it.keycloak.KeycloakAdmin;

/**
 * Moves the clock of the Keycloak under test (Keycloak's {@code Time} offset, which every time rule of ours reads) so a
 * test of a time limit moves time instead of sleeping. The offset is set through the test-only provider the harness
 * drops into that server's {@code providers/}. Tests run one at a time against the one server, so the moved clock is
 * the test's until it closes this, which puts the clock back where it was.
 */
public final class KeycloakClock implements AutoCloseable {

    private final KeycloakAdmin admin;
    private final int previousOffset;

    private KeycloakClock(KeycloakAdmin admin, int previousOffset) {
        this.admin = admin;
        this.previousOffset = previousOffset;
    }

    /** Keycloak's "now" is {@code by} later from here on, until {@link #close()}. */
    public static KeycloakClock movedForward(Duration by) {
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        int previous = admin.clockOffset();
        admin.setClockOffset(Math.toIntExact(previous + by.toSeconds()));
        return new KeycloakClock(admin, previous);
    }

    @Override
    public void close() {
        admin.setClockOffset(previousOffset);
    }
}
