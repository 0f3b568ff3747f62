package org.entrasfo.it.support;

import java.time.Duration;

import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Moves the clock of the Keycloak under test (Keycloak's {@code Time} offset, which every time rule of ours reads) so a
 * test of a time limit moves time instead of sleeping. The offset is set through the test-only provider the harness
 * drops into that server's {@code providers/}. A class that moves it is {@code @Isolated} (no other class runs
 * meanwhile), so the moved clock is the test's until it closes this, which puts the clock back where it was.
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
        requireAnIsolatedTestClass();
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        int previous = admin.clockOffset();
        admin.setClockOffset(Math.toIntExact(previous + by.toSeconds()));
        return new KeycloakClock(admin, previous);
    }

    /** Classes run two at a time: a class that moved the clock without being alone would move it under another's feet. */
    private static void requireAnIsolatedTestClass() {
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass).map(KeycloakClock::topLevel)
                .filter(type -> type.getSimpleName().endsWith("IT")).findFirst())
                .filter(type -> !type.isAnnotationPresent(Isolated.class))
                .ifPresent(type -> {
                    throw new IllegalStateException(type.getSimpleName() + " moves Keycloak's clock: it must be @Isolated");
                });
    }

    private static Class<?> topLevel(Class<?> type) {
        return type.getEnclosingClass() == null ? type : topLevel(type.getEnclosingClass());
    }

    @Override
    public void close() {
        admin.setClockOffset(previousOffset);
    }
}
