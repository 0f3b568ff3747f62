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
import org.entrasfo.sfo.BruteForceLockout;
import org.entrasfo.sfo.policy.SecondFactorPolicy;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One mechanism for every factor that sends a code the user types back (email, SMS). A code is sent once per auth
 * session: re-rendering, a refresh or a second {@code authenticate()} shows the form again without sending; only the
 * resend button sends another, after a cooldown. Wrong codes feed Keycloak's brute-force protector and void the code
 * after a few tries. Where the channel allows it, a user without a destination enrols one, and it is saved only after
 * a code sent to it came back.
 */
public class OneTimeCodeAuthenticator implements Authenticator {

    public static final String TEMPLATE = "sfo-code.ftl";
    public static final String ENROL_TEMPLATE = "sfo-code-enrol.ftl";
    static final String CODE_FIELD = "code";
    static final String RESEND_FIELD = "resend";
    static final String CANCEL_FIELD = "cancel";
    static final String DESTINATION_FIELD = "destination";

    private final String factor;
    private final String providerId;
    private final AuthenticationMethod method;
    private final CodeDelivery delivery;

    public OneTimeCodeAuthenticator(String factor, String providerId, AuthenticationMethod method, CodeDelivery delivery) {
        this.factor = factor;
        this.providerId = providerId;
        this.method = method;
        this.delivery = delivery;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        tagEvent(context);
        if (!SecondFactorCompletion.admits(context, method)) {
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<String> destination = destination(context);
        if (destination.isEmpty()) {
            if (mayEnrol(context)) {
                authSession.setAuthNote(note("enrolling"), "true");
                context.challenge(enrolmentForm(context, null));
                return;
            }
            SecondFactorCompletion.refuseWithoutUsableFactor(context, delivery.noDestinationReason());
            return;
        }
        if (lockedOut(context)) {
            return;
        }
        Optional<IssuedCode> current = IssuedCode.loadFrom(authSession, factor);
        if (current.isPresent() && !current.get().isExpired(Instant.now())) {
            context.challenge(form(context, destination.get(), null));
            return;
        }
        sendNewCode(context, destination.get());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        tagEvent(context);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (form.containsKey(CANCEL_FIELD)) {
            SecondFactorCompletion.giveUp(context, authSession.getAuthNote(note("delivery-failed")) != null);
            return;
        }
        if (lockedOut(context)) {
            return;
        }
        Optional<String> destination = destination(context);
        if (destination.isEmpty()) {
            enrol(context, form.getFirst(DESTINATION_FIELD));
            return;
        }
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(context.getAuthenticatorConfig());
        Optional<IssuedCode> current = IssuedCode.loadFrom(authSession, factor);
        if (form.containsKey(RESEND_FIELD)) {
            Instant allowedAgain = current.map(c -> c.sentAt().plus(settings.resendCooldown())).orElse(Instant.EPOCH);
            if (Instant.now().isBefore(allowedAgain)) {
                long wait = Duration.between(Instant.now(), allowedAgain).toSeconds() + 1;
                context.challenge(form(context, destination.get(), "sfoCodeResendWait", wait));
                return;
            }
            sendNewCode(context, destination.get());
            return;
        }
        if (current.isEmpty() || current.get().isExpired(Instant.now())) {
            IssuedCode.discard(authSession, factor);
            context.getEvent().detail(EntraEvents.REASON, "code expired or voided").error(Errors.EXPIRED_CODE);
            context.challenge(form(context, destination.get(), "sfoCodeExpired"));
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
            context.getEvent().detail(EntraEvents.REASON, "wrong code").error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form(context, destination.get(), message));
            return;
        }
        IssuedCode.discard(authSession, factor);
        String pending = authSession.getAuthNote(note("pending"));
        if (pending != null) {
            delivery.saveDestination(context.getUser(), pending, context.getAuthenticatorConfig());
            authSession.removeAuthNote(note("pending"));
            authSession.removeAuthNote(note("enrolling"));
            context.getEvent().clone().event(EventType.UPDATE_PROFILE).detail(EntraEvents.FACTOR, factor)
                    .detail(EntraEvents.REASON, factor + " destination enrolled in the SFO flow").success();
        }
        SecondFactorCompletion.succeed(context, method);
    }

    /** The user typed a new destination: check it, then send a code there; it is saved only when the code comes back. */
    private void enrol(AuthenticationFlowContext context, String input) {
        if (context.getAuthenticationSession().getAuthNote(note("enrolling")) == null || !mayEnrol(context)) {
            SecondFactorCompletion.refuseWithoutUsableFactor(context, "enrolment of a " + factor + " destination is not allowed");
            return;
        }
        String destination;
        try {
            destination = delivery.acceptNewDestination(input, context.getAuthenticatorConfig());
        } catch (CodeDelivery.CodeDeliveryException e) {
            context.getEvent().detail(EntraEvents.REASON, e.getMessage()).error(e.reason());
            context.challenge(enrolmentForm(context, e.userMessage()));
            return;
        }
        context.getAuthenticationSession().setAuthNote(note("pending"), destination);
        sendNewCode(context, destination);
    }

    /** The channel allows enrolment now and the user has no usable factor to pass instead (the policy step's finding). */
    private boolean mayEnrol(AuthenticationFlowContext context) {
        return SecondFactorPolicy.allowsEnrolment(context.getAuthenticationSession())
                && delivery.enrolmentAllowed(context.getUser(), context.getAuthenticatorConfig());
    }

    /** The user's stored destination, or the one being enrolled in this auth session. */
    private Optional<String> destination(AuthenticationFlowContext context) {
        String pending = context.getAuthenticationSession().getAuthNote(note("pending"));
        if (pending != null) {
            return Optional.of(pending);
        }
        return delivery.destinationOf(context.getUser(), context.getAuthenticatorConfig());
    }

    private void sendNewCode(AuthenticationFlowContext context, String destination) {
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(context.getAuthenticatorConfig());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Instant now = Instant.now();
        IssuedCode.Issued issued = IssuedCode.issue(settings.digits(), now, now.plus(settings.validity()));
        try {
            delivery.deliver(context, destination, issued.plainCode(), settings.validity());
        } catch (CodeDelivery.CodeDeliveryException e) {
            authSession.setAuthNote(note("delivery-failed"), e.reason());
            context.getEvent().detail(EntraEvents.REASON, e.getMessage()).error(e.reason());
            context.challenge(form(context, destination, e.userMessage()));
            return;
        }
        authSession.removeAuthNote(note("delivery-failed"));
        issued.stored().saveTo(authSession, factor);
        context.challenge(form(context, destination, null));
    }

    private Response form(AuthenticationFlowContext context, String destination, String error, Object... parameters) {
        var form = context.form()
                .setAttribute("sfoValidMinutes", Math.max(1, OneTimeCodeSettings.of(context.getAuthenticatorConfig()).validity().toMinutes()))
                .setAttribute("sfoDestination", delivery.mask(destination))
                .setAttribute("sfoFactor", factor)
                .setAttribute("sfoApplication", context.getAuthenticationSession().getClient().getName());
        if (error != null) {
            form.setError(error, parameters);
        }
        return form.createForm(TEMPLATE);
    }

    private Response enrolmentForm(AuthenticationFlowContext context, String error) {
        var form = context.form()
                .setAttribute("sfoFactor", factor)
                .setAttribute("sfoApplication", context.getAuthenticationSession().getClient().getName());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(ENROL_TEMPLATE);
    }

    private String note(String name) {
        return "sfo-code." + factor + "." + name;
    }

    private void tagEvent(AuthenticationFlowContext context) {
        EntraEvents.tag(context.getEvent(), context.getAuthenticationSession()).detail(EntraEvents.FACTOR, factor);
        if (context.getUser() != null) {
            context.getEvent().user(context.getUser());
        }
    }

    /** Worded like a wrong code, as Keycloak does, so the page does not reveal the lock-out. */
    private boolean lockedOut(AuthenticationFlowContext context) {
        return BruteForceLockout.challengeIfLocked(context, error -> destination(context)
                .map(destination -> form(context, destination, "sfoCodeInvalid"))
                .orElseGet(() -> enrolmentForm(context, "sfoCodeInvalid")));
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * The policy step's decision when it ran. Without one, inside an Entra transaction the factor always runs, so a
     * missing destination becomes an answer Entra understands.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        return SecondFactorPolicy.offers(authSession, providerId)
                .orElseGet(() -> delivery.destinationOf(user, null).isPresent() || EntraTransaction.of(authSession).isPresent());
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
