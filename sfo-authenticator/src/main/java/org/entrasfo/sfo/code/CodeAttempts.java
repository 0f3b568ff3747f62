package org.entrasfo.sfo.code;

import java.util.OptionalInt;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * The tries at one code, counted in Keycloak's single-use store rather than in the auth session: parallel requests
 * on one auth session all read the same notes, so a count kept there lets each of them compare. Here every try first
 * claims a numbered slot with an atomic put-if-absent; with no slot left nothing is compared. So at most the allowed
 * number of comparisons happen per code, however many requests race and on whichever cluster nodes.
 */
final class CodeAttempts {

    private final SingleUseObjectProvider store;

    CodeAttempts(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * Claims the next try at the code; its number (1 for the first) or empty when every try is used and the code is
     * void. {@code lifespanSeconds} must outlast the code, so a slot never frees up while the code is valid.
     */
    OptionalInt claim(String codeId, int allowed, long lifespanSeconds) {
        for (int slot = 0; slot < allowed; slot++) {
            if (store.putIfAbsent(prefix(codeId) + "attempt." + slot, lifespanSeconds)) {
                return OptionalInt.of(slot + 1);
            }
        }
        return OptionalInt.empty();
    }

    /** Marks the code used; false when a parallel request used it first, so one code completes one sign-in only. */
    boolean spend(String codeId, long lifespanSeconds) {
        return store.putIfAbsent(prefix(codeId) + "spent", lifespanSeconds);
    }

    private static String prefix(String codeId) {
        return "entra-sfo.code." + codeId + ".";
    }
}
