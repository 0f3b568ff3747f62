package org.entrasfo.sfo.passkey;

import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import org.keycloak.events.Errors;

/**
 * Why a passkey sign-in was refused: the reason an admin reads in the event, the error code, the message the user
 * reads, and whether it counts as a failed attempt for brute-force detection (a key that failed, not a ceremony the
 * user cancelled).
 */
enum PasskeyRefusal {

    CANCELLED_OR_TIMED_OUT("ceremony cancelled or timed out in the browser", "sfo_passkey_cancelled", "sfoPasskeyCancelled", false),
    BROWSER_ERROR("the browser's WebAuthn API failed", "sfo_passkey_browser_error", "sfoPasskeyBrowserError", false),
    INCOMPLETE("incomplete or stale WebAuthn answer", Errors.INVALID_USER_CREDENTIALS, "sfoPasskeyFailed", false),
    OTHER_USERS_KEY("key registered to another user", Errors.DIFFERENT_USER_AUTHENTICATED, "sfoPasskeyNotYours", true),
    UNKNOWN_KEY("key not registered to this user (wrong or removed key)", Errors.INVALID_USER_CREDENTIALS, "sfoPasskeyNotYours", true),
    USER_NOT_VERIFIED("user verification required but not done", Errors.INVALID_USER_CREDENTIALS, "sfoPasskeyUserNotVerified", true),
    VERIFICATION_FAILED("assertion failed verification", Errors.INVALID_USER_CREDENTIALS, "sfoPasskeyFailed", true);

    private final String reason;
    private final String error;
    private final String message;
    private final boolean countsAsFailure;

    PasskeyRefusal(String reason, String error, String message, boolean countsAsFailure) {
        this.reason = reason;
        this.error = error;
        this.message = message;
        this.countsAsFailure = countsAsFailure;
    }

    /** The browser posts the DOMException's name; only {@code NotAllowedError} means cancelled or timed out. */
    static PasskeyRefusal fromBrowser(String error) {
        return error.contains("NotAllowedError") ? CANCELLED_OR_TIMED_OUT : BROWSER_ERROR;
    }

    static PasskeyRefusal fromVerifier(RuntimeException e) {
        return e instanceof UserNotVerifiedException ? USER_NOT_VERIFIED : VERIFICATION_FAILED;
    }

    String reason() {
        return reason;
    }

    String error() {
        return error;
    }

    String message() {
        return message;
    }

    boolean countsAsFailure() {
        return countsAsFailure;
    }
}
