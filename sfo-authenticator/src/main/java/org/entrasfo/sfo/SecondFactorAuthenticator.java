package org.entrasfo.sfo;

import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.FactorAvailability;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.EntraTransaction;
import org.entrasfo.factor.transaction.SecondFactorCompletion;
import org.entrasfo.sfo.policy.SecondFactorPolicy;
import org.entrasfo.sfo.policy.SecondFactorPolicyAuthenticator;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The opening every factor shares, in Keycloak's order: name the factor in the event, make sure its amr can honestly
 * answer Entra's request, then serve a user who has the factor (unless brute-force detection locked them out), enrol
 * one who has no usable factor at all while a window is open, or refuse with the reason. A factor writes only what
 * differs: its amr, its challenge, its enrolment and its lock-out page.
 */
public abstract class SecondFactorAuthenticator implements Authenticator {

    /** The Cancel button of the factor choice page ({@code select-authenticator.ftl}). */
    public static final String CANCEL_CHOICE_FIELD = "sfo-cancel-choice";

    private final SecondFactorAuthenticatorFactory factor;
    private final String factorName;

    /** {@code factorName} is what events call it ({@code otp}, {@code sms}, ...). */
    protected SecondFactorAuthenticator(SecondFactorAuthenticatorFactory factor, String factorName) {
        this.factor = factor;
        this.factorName = factorName;
    }

    /** The amr this user would be reported with, checked against Entra's request before anything is shown or sent. */
    protected abstract AuthenticationMethod methodFor(AuthenticationFlowContext context);

    /** Shows the factor to a user who has it and is not locked out. */
    protected abstract void challenge(AuthenticationFlowContext context);

    /** The factor's page for a locked-out user, given Keycloak's brute-force error. */
    protected abstract Response lockedOutPage(AuthenticationFlowContext context, String bruteForceError);

    /** Starts setting the factor up; called only when {@link #mayEnrol} holds. */
    protected void startEnrolment(AuthenticationFlowContext context) {
        throw new IllegalStateException(factor.getId() + " cannot enrol");
    }

    /** Whether the user has the factor in this sign-in; a factor that enrols may count what is being set up. */
    protected boolean usableInThisSignIn(AuthenticationFlowContext context) {
        return factor.usableBy(context.getSession(), context.getRealm(), context.getUser(), context.getAuthenticatorConfig());
    }

    /** Answers what the factor's own page posted. */
    protected abstract void respond(AuthenticationFlowContext context);

    @Override
    public final void authenticate(AuthenticationFlowContext context) {
        if (RememberedFactorFirst.handOver(context)) {
            return;
        }
        tag(context);
        if (!SecondFactorCompletion.admits(context, methodFor(context))) {
            return;
        }
        if (!usableInThisSignIn(context)) {
            if (mayEnrol(context)) {
                startEnrolment(context);
                return;
            }
            FactorAvailability availability = factor.availabilityFor(context.getSession(), context.getRealm(),
                    context.getUser(), context.getAuthenticatorConfig());
            SecondFactorCompletion.refuseWithoutUsableFactor(context, availability.canServe()
                    ? "enrolment in the flow is only for users without a usable factor" : availability.reason());
            return;
        }
        if (!lockedOut(context)) {
            challenge(context);
        }
    }

    /**
     * The factor choice page posts to the factor the user left for it, so its Cancel arrives here whatever the factor:
     * it ends the transaction like the Cancel of the factor's own page (Entra hears {@code access_denied}), it never
     * moves the flow on.
     */
    @Override
    public final void action(AuthenticationFlowContext context) {
        if (context.getHttpRequest().getDecodedFormParameters().containsKey(CANCEL_CHOICE_FIELD)) {
            tag(context);
            SecondFactorCompletion.giveUp(context, false);
            return;
        }
        respond(context);
    }

    /**
     * The enrolment window is open for this factor, this is Entra's transaction, and the user has no usable factor to
     * pass instead (the policy step's finding in this auth session, and still so now); all asked again on every
     * enrolment step.
     */
    protected final boolean mayEnrol(AuthenticationFlowContext context) {
        return SecondFactorPolicy.allowsEnrolment(context.getAuthenticationSession())
                && EntraTransaction.of(context.getAuthenticationSession()).isPresent()
                && factor.enrollableBy(context.getUser(), context.getAuthenticatorConfig())
                && SecondFactorPolicyAuthenticator.stillWithoutUsableFactor(context);
    }

    /** True when brute-force detection locked the user out; the lock-out page and an event are then the answer. */
    protected final boolean lockedOut(AuthenticationFlowContext context) {
        return BruteForceLockout.challengeIfLocked(context, error -> lockedOutPage(context, error));
    }

    /** The factor's name and Entra's correlation id on the event, and the user once known. */
    protected final void tag(AuthenticationFlowContext context) {
        EntraEvents.tag(context.getEvent(), context.getAuthenticationSession()).detail(EntraEvents.FACTOR, factorName);
        if (context.getUser() != null) {
            context.getEvent().user(context.getUser());
        }
    }

    @Override
    public final boolean requiresUser() {
        return true;
    }

    /**
     * The policy step's decision when it ran; otherwise, inside an Entra transaction the factor always runs, so a user
     * without it gets an answer Entra understands instead of Keycloak's "credential setup required".
     */
    @Override
    public final boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        return SecondFactorPolicy.offers(authSession, factor.getId())
                .orElseGet(() -> factor.usableBy(session, realm, user, null) || EntraTransaction.of(authSession).isPresent());
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Enrolment is the policy's business; nothing is added silently here.
    }

    @Override
    public void close() {
    }
}
