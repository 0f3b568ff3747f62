package org.entrasfo.sfo.push.challenge;

import java.util.Map;
import java.util.Optional;

/** The device's one answer to a challenge, kept until the browser's auth session consumes it. */
public record PushOutcome(Result result, String credentialId, long answeredAt) {

    public enum Result {
        APPROVED("approved"),
        DENIED("denied"),
        /** "I did not request this": a denial the security team hears about. */
        NOT_REQUESTED("denied"),
        WRONG_NUMBER("wrong_number");

        private final String protocolName;

        Result(String protocolName) {
            this.protocolName = protocolName;
        }

        /** What the device and the browser are told; a report of fraud reads as a denial to them. */
        public String protocolName() {
            return protocolName;
        }
    }

    Map<String, String> toNotes() {
        return Map.of("result", result.name(), "credential", credentialId, "at", Long.toString(answeredAt));
    }

    static Optional<PushOutcome> fromNotes(Map<String, String> notes) {
        if (notes == null || notes.get("result") == null) {
            return Optional.empty();
        }
        return Optional.of(new PushOutcome(Result.valueOf(notes.get("result")), notes.get("credential"),
                Long.parseLong(notes.getOrDefault("at", "0"))));
    }
}
