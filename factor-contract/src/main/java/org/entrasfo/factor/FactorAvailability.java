package org.entrasfo.factor;

/**
 * Whether a factor can serve a user right now: usable (the user has what it needs), enrollable (the user has nothing
 * yet, but its enrolment policy lets them set it up in the flow) or unavailable, with the reason an admin reads in events.
 */
public record FactorAvailability(State state, String reason) {

    public enum State { USABLE, ENROLLABLE, UNAVAILABLE }

    public static FactorAvailability usable() {
        return new FactorAvailability(State.USABLE, null);
    }

    public static FactorAvailability enrollable() {
        return new FactorAvailability(State.ENROLLABLE, null);
    }

    public static FactorAvailability unavailable(String reason) {
        return new FactorAvailability(State.UNAVAILABLE, reason);
    }

    public boolean canServe() {
        return state != State.UNAVAILABLE;
    }
}
