package org.entrasfo.sfo.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import org.junit.jupiter.api.Test;

/** Each refusal of a passkey sign-in is named for what happened, and only a key that failed counts for the lockout. */
class PasskeyRefusalTest {

    @Test
    void aNotAllowedErrorOfTheBrowserIsACancelledOrTimedOutCeremonyThatIsNoFailedAttempt() {
        PasskeyRefusal refusal = PasskeyRefusal.fromBrowser("NotAllowedError: The operation either timed out or was not allowed.");

        assertThat(refusal).isEqualTo(PasskeyRefusal.CANCELLED_OR_TIMED_OUT);
        assertThat(refusal.countsAsFailure()).isFalse();
        assertThat(refusal.message()).isEqualTo("sfoPasskeyCancelled");
    }

    @Test
    void anyOtherBrowserErrorIsABrowserProblemThatIsNoFailedAttempt() {
        assertThat(PasskeyRefusal.fromBrowser("SecurityError: The operation is insecure.")).isEqualTo(PasskeyRefusal.BROWSER_ERROR);
        assertThat(PasskeyRefusal.BROWSER_ERROR.countsAsFailure()).isFalse();
    }

    @Test
    void aMissingUserVerificationIsNamedAndCountsAsAFailedAttempt() {
        PasskeyRefusal refusal = PasskeyRefusal.fromVerifier(new UserNotVerifiedException("UV flag not set"));

        assertThat(refusal).isEqualTo(PasskeyRefusal.USER_NOT_VERIFIED);
        assertThat(refusal.reason()).isEqualTo("user verification required but not done");
        assertThat(refusal.countsAsFailure()).isTrue();
    }

    @Test
    void anyOtherVerificationErrorIsAFailedAssertionThatCounts() {
        assertThat(PasskeyRefusal.fromVerifier(new BadChallengeException("bad challenge"))).isEqualTo(PasskeyRefusal.VERIFICATION_FAILED);
        assertThat(PasskeyRefusal.VERIFICATION_FAILED.countsAsFailure()).isTrue();
    }

    @Test
    void aKeyOfAnotherUserOrAnUnknownKeyCountsAsAFailedAttempt() {
        assertThat(PasskeyRefusal.OTHER_USERS_KEY.countsAsFailure()).isTrue();
        assertThat(PasskeyRefusal.UNKNOWN_KEY.countsAsFailure()).isTrue();
        assertThat(PasskeyRefusal.INCOMPLETE.countsAsFailure()).isFalse();
    }
}
