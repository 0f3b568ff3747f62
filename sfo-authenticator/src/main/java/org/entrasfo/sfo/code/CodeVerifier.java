package org.entrasfo.sfo.code;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.sfo.BruteForceLockout;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Checks a typed code against this auth session's code. A try first claims one of the code's numbered slots, and only
 * then is the code compared: with every slot taken the code is void and nothing is compared, so parallel requests
 * get no more guesses than one request after another. A right code is spent once; a wrong one counts for brute force.
 */
final class CodeVerifier {

    /** Slots outlive the code by this much, so a clock a little ahead on another node frees no slot early. */
    private static final long SLOT_MARGIN_SECONDS = 60;

    private final String factor;
    private final CodeForms forms;

    CodeVerifier(String factor, CodeForms forms) {
        this.factor = factor;
        this.forms = forms;
    }

    /** True when the code is right and now spent; otherwise the page and the event are already set. */
    boolean check(AuthenticationFlowContext context, String destination, String input) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (input == null || input.isBlank()) {
            // A request without a code (a page opened again by its address) is no guess: nothing is compared or counted.
            context.challenge(forms.code(context, destination, null));
            return false;
        }
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(context.getAuthenticatorConfig());
        Instant now = ServerClock.now();
        Optional<IssuedCode> current = IssuedCode.loadValid(authSession, factor, now);
        if (current.isEmpty()) {
            return refuse(context, destination, "no valid code: expired, voided, used or never sent", "sfoCodeExpired");
        }
        IssuedCode code = current.get();
        CodeAttempts attempts = new CodeAttempts(context.getSession().singleUseObjects());
        long lifespan = code.secondsLeft(now) + SLOT_MARGIN_SECONDS;
        OptionalInt attempt = attempts.claim(code.id(), settings.maxAttemptsPerCode(), lifespan);
        if (attempt.isEmpty()) {
            return refuse(context, destination, "code voided: all " + settings.maxAttemptsPerCode() + " tries used", "sfoCodeVoided");
        }
        if (!code.matches(input)) {
            boolean lastTry = attempt.getAsInt() >= settings.maxAttemptsPerCode();
            if (lastTry) {
                IssuedCode.discard(authSession, factor);
            }
            context.getEvent().detail(EntraEvents.REASON, "wrong code").error(Errors.INVALID_USER_CREDENTIALS);
            BruteForceLockout.failureChallenge(context, AuthenticationFlowError.INVALID_CREDENTIALS,
                    forms.code(context, destination, lastTry ? "sfoCodeVoided" : "sfoCodeInvalid"));
            return false;
        }
        if (!attempts.spend(code.id(), lifespan)) {
            return refuse(context, destination, "code already used by a parallel request", "sfoCodeExpired");
        }
        IssuedCode.discard(authSession, factor);
        return true;
    }

    private boolean refuse(AuthenticationFlowContext context, String destination, String reason, String message) {
        IssuedCode.discard(context.getAuthenticationSession(), factor);
        context.getEvent().detail(EntraEvents.REASON, reason).error(Errors.EXPIRED_CODE);
        context.challenge(forms.code(context, destination, message));
        return false;
    }
}
