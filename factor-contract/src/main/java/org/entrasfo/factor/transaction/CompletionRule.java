package org.entrasfo.factor.transaction;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What happens when a user passed a factor, decided before anything is written: outside an Entra transaction the
 * factor simply completes; inside one, a factor whose amr cannot honestly answer Entra's request completes nothing,
 * and the transaction's replay marks are spent only for a factor that can (so a refused factor never burns the hint),
 * and only once across every node.
 */
public final class CompletionRule {

    public sealed interface Outcome permits OutsideEntra, NotAcceptable, Replayed, Completed {
    }

    /** Another application's sign-in (the signed-in user authenticating again): no Entra claims to record. */
    public record OutsideEntra() implements Outcome {
    }

    /** The factor's amr meets none of the requested acr values: Entra hears access_denied. */
    public record NotAcceptable() implements Outcome {
    }

    /** Another transaction spent the hint, nonce or client-request-id first: no token. */
    public record Replayed() implements Outcome {
    }

    /** The transaction completes with this acr. */
    public record Completed(String acr) implements Outcome {
    }

    private CompletionRule() {
    }

    /** {@code spend} claims the transaction's replay marks and says whether all of them were still fresh. */
    public static Outcome decide(Optional<EntraTransaction> transaction, AuthenticationMethod method, BooleanSupplier spend) {
        if (transaction.isEmpty()) {
            return new OutsideEntra();
        }
        Optional<String> acr = transaction.get().requested().acrFor(method);
        if (acr.isEmpty()) {
            return new NotAcceptable();
        }
        return spend.getAsBoolean() ? new Completed(acr.get()) : new Replayed();
    }
}
