package org.entrasfo.sfo.code;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.entrasfo.broker.transaction.AuthenticationMethod;
import org.entrasfo.broker.transaction.EntraEvents;
import org.entrasfo.broker.transaction.EntraTransaction;
import org.entrasfo.broker.transaction.SecondFactorCompletion;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One mechanism for every factor that sends a code the user types back (email, SMS). A code is sent once per auth
 * session: re-rendering, a refresh or a second {@code authenticate()} shows the form again without sending; only the
 * resend button sends another, after a cooldown. Wrong codes feed Keycloak's brute-force protector and void the code
 * after a few tries.
 */
public class OneTimeCodeAuthenticator implements Authenticator {

    public static final String TEMPLATE = "sfo-code.ftl";
    static final String CODE_FIELD = "code";
    static final String RESEND_FIELD = "resend";

    private final String factor;
    private final AuthenticationMethod method;
    private final CodeDelivery delivery;

    public OneTimeCodeAuthenticator(String factor, AuthenticationMethod method, CodeDelivery delivery) {
        this.factor = factor;
        this.method = method;
        this.delivery = delivery;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        tagEvent(context);
        if (!SecondFactorCompletion.admits(context, method)) {
            return;
        }
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(context.getAuthenticatorConfig());
        if (!delivery.canDeliverTo(context.getUser(), settings)) {
            SecondFactorCompletion.refuseWithoutUsableFactor(context, "no " + factor + " destination for the user");
            return;
        }
        if (lockedOut(context)) {
            return;
        }
        Optional<IssuedCode> current = IssuedCode.loadFrom(context.getAuthenticationSession(), factor);
        if (current.isPresent() && !current.get().isExpired(Instant.now())) {
            context.challenge(form(context, null));
            return;
        }
        sendNewCode(context, settings);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        tagEvent(context);
        if (lockedOut(context)) {
            return;
        }
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(context.getAuthenticatorConfig());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<IssuedCode> current = IssuedCode.loadFrom(authSession, factor);
        if (form.containsKey(RESEND_FIELD)) {
            Instant allowedAgain = current.map(c -> c.sentAt().plus(settings.resendCooldown())).orElse(Instant.EPOCH);
            if (Instant.now().isBefore(allowedAgain)) {
                long wait = Duration.between(Instant.now(), allowedAgain).toSeconds() + 1;
                context.challenge(form(context, "sfoCodeResendWait", wait));
                return;
            }
            sendNewCode(context, settings);
            return;
        }
        if (current.isEmpty() || current.get().isExpired(Instant.now())) {
            IssuedCode.discard(authSession, factor);
            context.getEvent().detail(EntraEvents.REASON, "code expired or voided").error(Errors.EXPIRED_CODE);
            context.challenge(form(context, "sfoCodeExpired"));
            return;
        }
        if (!current.get().matches(form.getFirst(CODE_FIELD))) {
            IssuedCode tried = current.get().withFailedAttempt();
            String message = "sfoCodeInvalid";
            if (tried.failedAttempts() >= settings.maxAttemptsPerCode()) {
                IssuedCode.discard(authSession, factor);
                message = "sfoCodeVoided";
            } else {
                tried.saveTo(authSession, factor);
            }
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form(context, message));
            return;
        }
        IssuedCode.discard(authSession, factor);
        SecondFactorCompletion.succeed(context, method);
    }

    private void sendNewCode(AuthenticationFlowContext context, OneTimeCodeSettings settings) {
        Instant now = Instant.now();
        IssuedCode.Issued issued = IssuedCode.issue(settings.digits(), now, now.plus(settings.validity()));
        try {
            delivery.deliver(context, issued.plainCode(), settings.validity(), settings);
        } catch (CodeDelivery.CodeDeliveryException e) {
            context.getEvent().detail(EntraEvents.REASON, e.getMessage()).error(e.reason());
            context.challenge(form(context, "sfoCodeDeliveryFailed"));
            return;
        }
        issued.stored().saveTo(context.getAuthenticationSession(), factor);
        context.challenge(form(context, null));
    }

    private Response form(AuthenticationFlowContext context, String error, Object... parameters) {
        var form = context.form()
                .setAttribute("sfoDestination", delivery.maskedDestination(context.getUser()))
                .setAttribute("sfoFactor", factor)
                .setAttribute("sfoApplication", context.getAuthenticationSession().getClient().getName());
        if (error != null) {
            form.setError(error, parameters);
        }
        return form.createForm(TEMPLATE);
    }

    private void tagEvent(AuthenticationFlowContext context) {
        EntraEvents.tag(context.getEvent(), context.getAuthenticationSession()).detail(EntraEvents.FACTOR, factor);
        if (context.getUser() != null) {
            context.getEvent().user(context.getUser());
        }
    }

    private boolean lockedOut(AuthenticationFlowContext context) {
        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (bruteForceError == null) {
            return false;
        }
        context.getEvent().error(bruteForceError);
        // Worded like a wrong code, as Keycloak does, so the page does not reveal the lock-out.
        context.forceChallenge(form(context, "sfoCodeInvalid"));
        return true;
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * Inside an Entra transaction the factor always runs, so a missing destination becomes an answer Entra understands.
     * Keycloak asks this without the execution's config, so only the default settings can be judged here.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return delivery.canDeliverTo(user, OneTimeCodeSettings.of(null))
                || EntraTransaction.of(session.getContext().getAuthenticationSession()).isPresent();
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
