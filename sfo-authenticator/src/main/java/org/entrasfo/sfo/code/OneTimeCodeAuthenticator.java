package org.entrasfo.sfo.code;

import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.SecondFactorCompletion;
import jakarta.ws.rs.core.Response;
import org.entrasfo.sfo.SecondFactorAuthenticator;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventType;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One mechanism for every factor that sends a code the user types back (email, SMS). Only the first visit of an auth
 * session sends by itself; a reload, a second {@code authenticate()} or a return from another factor shows the page
 * again, and once the code expired or was voided only "Send a new code" sends another. Every send is subject to the
 * user's cooldown and hourly quota for the factor ({@link CodeSendLimits}), shared by all auth sessions and nodes.
 * Each try at a code claims a slot first ({@link CodeAttempts}), so parallel requests cannot compare more often than
 * allowed; wrong codes feed Keycloak's brute-force protector. Where the channel allows it, a user without a
 * destination enrols one, and it is saved only after a code sent to it came back.
 */
public class OneTimeCodeAuthenticator extends SecondFactorAuthenticator {

    public static final String TEMPLATE = CodeForms.TEMPLATE;
    public static final String ENROL_TEMPLATE = CodeForms.ENROL_TEMPLATE;
    static final String CODE_FIELD = "code";
    static final String RESEND_FIELD = "resend";
    static final String CANCEL_FIELD = "cancel";
    static final String DESTINATION_FIELD = "destination";

    private final String factor;
    private final AuthenticationMethod method;
    private final CodeDelivery delivery;
    private final CodeForms forms;
    private final CodeVerifier verifier;

    public OneTimeCodeAuthenticator(OneTimeCodeAuthenticatorFactory factory, String factor, AuthenticationMethod method, CodeDelivery delivery) {
        super(factory, factor);
        this.factor = factor;
        this.method = method;
        this.delivery = delivery;
        this.forms = new CodeForms(factor, delivery);
        this.verifier = new CodeVerifier(factor, forms);
    }

    @Override
    protected AuthenticationMethod methodFor(AuthenticationFlowContext context) {
        return method;
    }

    /** A destination being set up in this sign-in counts: a reload shows its code page, not the enrolment again. */
    @Override
    protected boolean usableInThisSignIn(AuthenticationFlowContext context) {
        return destination(context).isPresent();
    }

    @Override
    protected void startEnrolment(AuthenticationFlowContext context) {
        context.getAuthenticationSession().setAuthNote(note("enrolling"), "true");
        context.challenge(forms.enrolment(context, null));
    }

    /** Only the first visit of an auth session sends by itself. */
    @Override
    protected void challenge(AuthenticationFlowContext context) {
        String destination = destination(context).orElseThrow();
        if (context.getAuthenticationSession().getAuthNote(note("sent-once")) != null) {
            context.challenge(forms.code(context, destination, null));
            return;
        }
        sendNewCode(context, destination);
    }

    @Override
    protected void respond(AuthenticationFlowContext context) {
        tag(context);
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
        if (form.containsKey(RESEND_FIELD)) {
            sendNewCode(context, destination.get());
            return;
        }
        if (verifier.check(context, destination.get(), form.getFirst(CODE_FIELD))) {
            succeed(context);
        }
    }

    private void succeed(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
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
            SecondFactorCompletion.refuseEnrolment(context, "enrolment of a " + factor + " destination is not allowed");
            return;
        }
        String destination;
        try {
            destination = delivery.acceptNewDestination(input, context.getAuthenticatorConfig());
        } catch (CodeDelivery.CodeDeliveryException e) {
            context.getEvent().detail(EntraEvents.REASON, e.getMessage()).error(e.reason());
            context.challenge(forms.enrolment(context, e.userMessage()));
            return;
        }
        context.getAuthenticationSession().setAuthNote(note("pending"), destination);
        sendNewCode(context, destination);
    }

    /** The user's stored destination, or the one being enrolled in this auth session. */
    private Optional<String> destination(AuthenticationFlowContext context) {
        String pending = context.getAuthenticationSession().getAuthNote(note("pending"));
        if (pending != null) {
            return Optional.of(pending);
        }
        return delivery.destinationOf(context.getUser(), context.getAuthenticatorConfig());
    }

    /**
     * Sends a code if the user's cooldown and quota allow it, replacing this auth session's previous code. Whatever
     * the outcome, the auth session has now had its automatic send: from here on only the user's click sends.
     */
    private void sendNewCode(AuthenticationFlowContext context, String destination) {
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(context.getAuthenticatorConfig());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(note("sent-once"), "true");
        Instant now = ServerClock.now();
        Optional<CodeSendLimits.Refusal> refused = new CodeSendLimits(context.getSession().singleUseObjects())
                .claim(context.getRealm().getId(), context.getUser().getId(), factor, settings, now);
        if (refused.isPresent()) {
            refuse(context, destination, refused.get());
            return;
        }
        IssuedCode.Issued issued = IssuedCode.issue(settings.digits(), now.plus(settings.validity()));
        try {
            delivery.deliver(context, destination, issued.plainCode(), settings.validity());
        } catch (CodeDelivery.CodeDeliveryException e) {
            authSession.setAuthNote(note("delivery-failed"), e.reason());
            context.getEvent().detail(EntraEvents.REASON, e.getMessage()).error(e.reason());
            context.challenge(forms.code(context, destination, e.userMessage()));
            return;
        }
        authSession.removeAuthNote(note("delivery-failed"));
        issued.stored().saveTo(authSession, factor);
        context.challenge(forms.code(context, destination, null));
    }

    /**
     * Nothing is sent; the user reads how long to wait, the admin sees why in the event. Without a valid code, as
     * after a failed delivery, a user who gives up now tells Entra the factor is temporarily unavailable.
     */
    private void refuse(AuthenticationFlowContext context, String destination, CodeSendLimits.Refusal refusal) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (IssuedCode.loadValid(authSession, factor, ServerClock.now()).isEmpty()) {
            authSession.setAuthNote(note("delivery-failed"), delivery.rateLimitedError());
        }
        if (refusal.kind() == CodeSendLimits.Kind.COOLDOWN) {
            context.getEvent().detail(EntraEvents.REASON, "cooldown between codes to the user, " + refusal.waitSeconds() + " s left")
                    .error(delivery.rateLimitedError());
            context.challenge(forms.code(context, destination, "sfoCodeResendWait", refusal.waitSeconds()));
            return;
        }
        context.getEvent().detail(EntraEvents.REASON, "hourly " + factor + " quota of the user used up")
                .error(delivery.rateLimitedError());
        context.challenge(forms.code(context, destination, "sfoCodeRateLimited"));
    }

    private String note(String name) {
        return "sfo-code." + factor + "." + name;
    }

    /** Worded like a wrong code, as Keycloak does, so the page does not reveal the lock-out. */
    @Override
    protected Response lockedOutPage(AuthenticationFlowContext context, String bruteForceError) {
        return destination(context)
                .map(destination -> forms.code(context, destination, "sfoCodeInvalid"))
                .orElseGet(() -> forms.enrolment(context, "sfoCodeInvalid"));
    }
}
