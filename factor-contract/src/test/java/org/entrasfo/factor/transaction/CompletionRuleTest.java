package org.entrasfo.factor.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** When a user passed a factor: what completes, what is refused, and that the hint is spent only when it may be. */
class CompletionRuleTest {

    private final AtomicInteger spent = new AtomicInteger();

    private static Optional<EntraTransaction> transactionAsking(List<String> acr, List<String> amr) {
        return Optional.of(new EntraTransaction("sub", "oid", "tid", "crid", "signature-digest", "uti", "nonce",
                new RequestedAuthentication(acr, amr), 2, 1200));
    }

    @Test
    void outsideAnEntraTransactionTheFactorCompletesAndSpendsNothing() {
        CompletionRule.Outcome outcome = CompletionRule.decide(Optional.empty(), AuthenticationMethod.OTP, () -> spent.incrementAndGet() > 0);

        assertThat(outcome).isInstanceOf(CompletionRule.OutsideEntra.class);
        assertThat(spent).hasValue(0);
    }

    @Test
    void aFactorThatCannotHonestlyMeetTheRequestedAcrCompletesNothingAndLeavesTheHintUnspent() {
        CompletionRule.Outcome outcome = CompletionRule.decide(transactionAsking(List.of("inherence"), List.of("face")),
                AuthenticationMethod.OTP, () -> spent.incrementAndGet() > 0);

        assertThat(outcome).isInstanceOf(CompletionRule.NotAcceptable.class);
        assertThat(spent).as("a refused factor never burns the hint").hasValue(0);
    }

    @Test
    void aTransactionWhoseMarksAnotherTransactionSpentFirstGetsNoToken() {
        CompletionRule.Outcome outcome = CompletionRule.decide(transactionAsking(List.of("possessionorinherence"), List.of("otp")),
                AuthenticationMethod.OTP, () -> false);

        assertThat(outcome).isInstanceOf(CompletionRule.Replayed.class);
    }

    @Test
    void completesWithTheFirstRequestedAcrTheFactorsTypeSatisfiesAndSpendsTheMarksOnce() {
        CompletionRule.Outcome outcome = CompletionRule.decide(
                transactionAsking(List.of("knowledge", "possession", "possessionorinherence"), List.of("otp", "sms")),
                AuthenticationMethod.SMS, () -> spent.incrementAndGet() == 1);

        assertThat(outcome).isEqualTo(new CompletionRule.Completed("possession"));
        assertThat(spent).hasValue(1);
    }
}
