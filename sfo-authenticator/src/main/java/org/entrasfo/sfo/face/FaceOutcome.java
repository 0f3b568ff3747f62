package org.entrasfo.sfo.face;

import java.util.Optional;

/**
 * What one face attempt came to, with the reason an admin reads in the event (never a frame, a template or a key).
 *
 * @param kind    accepted, refused by the decision, frames not taken, no challenge to answer, or engine unavailable
 * @param refusal the decision's reason when {@code kind} is {@link Kind#REFUSED}
 * @param reason  the event's reason
 */
public record FaceOutcome(Kind kind, Optional<FaceRefusal> refusal, String reason) {

    public enum Kind { ACCEPTED, REFUSED, FRAMES_REJECTED, NO_CHALLENGE, ENGINE_UNAVAILABLE }

    public FaceOutcome {
        refusal = refusal == null ? Optional.empty() : refusal;
    }

    static FaceOutcome success() {
        return new FaceOutcome(Kind.ACCEPTED, Optional.empty(), "face matched and the challenge was followed");
    }

    static FaceOutcome refused(FaceRefusal refusal) {
        return new FaceOutcome(Kind.REFUSED, Optional.of(refusal), refusal.reason());
    }

    static FaceOutcome of(Kind kind, String reason) {
        return new FaceOutcome(kind, Optional.empty(), reason);
    }

    public boolean accepted() {
        return kind == Kind.ACCEPTED;
    }

    /**
     * Whether this attempt counts toward brute-force lockout: a face that did not match or a challenge not followed is
     * a try at someone's factor; a capture problem or an engine that cannot answer is not.
     */
    public boolean countsAsFailure() {
        return refusal.map(FaceRefusal::countsAsFailure).orElse(false);
    }
}
