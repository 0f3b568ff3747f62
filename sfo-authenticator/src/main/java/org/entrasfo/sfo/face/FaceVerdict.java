package org.entrasfo.sfo.face;

import java.util.Optional;

/** The server's verdict on one attempt: accepted, or refused for one reason (the first rule the frames broke). */
public record FaceVerdict(Optional<FaceRefusal> refusal) {

    static final FaceVerdict ACCEPTED = new FaceVerdict(Optional.empty());

    public FaceVerdict {
        refusal = refusal == null ? Optional.empty() : refusal;
    }

    static FaceVerdict refused(FaceRefusal refusal) {
        return new FaceVerdict(Optional.of(refusal));
    }

    public boolean accepted() {
        return refusal.isEmpty();
    }
}
