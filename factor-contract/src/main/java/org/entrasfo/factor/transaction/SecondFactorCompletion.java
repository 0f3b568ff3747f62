package org.entrasfo.factor.transaction;

import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.Constants;
import org.keycloak.models.ModelException;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.storage.ReadOnlyException;

/**
 * What every factor does around its own check, in one place: before asking, make sure its amr can honestly answer
 * Entra's request; after the user passed it, spend the transaction's replay marks, record the claims and the level
 * of authentication, then succeed. Outside an Entra transaction (the signed-in user authenticating again for another
 * application of the realm) it records the level the realm grants a second factor and succeeds. Either way the auth
 * session remembers that this user just passed a factor ({@link FreshFactor}).
 */
public final class SecondFactorCompletion {

    private static final Logger LOG = Logger.getLogger(SecondFactorCompletion.class);

    public static final String ERROR_FACTOR_NOT_ACCEPTABLE = "entra_factor_not_acceptable";
    public static final String ERROR_TRANSACTION_REPLAYED = "entra_transaction_replayed";
    public static final String ERROR_NO_USABLE_FACTOR = "sfo_no_usable_factor";
    public static final String ERROR_USER_GAVE_UP = "sfo_user_gave_up";

    private SecondFactorCompletion() {
    }

    /**
     * True when the factor may challenge the user. When Entra's acr/amr cannot be met by this factor, Entra gets an
     * {@code access_denied} and false is returned: the caller must stop.
     */
    public static boolean admits(AuthenticationFlowContext context, AuthenticationMethod method) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<EntraTransaction> transaction = EntraTransaction.of(authSession);
        if (transaction.isEmpty() || transaction.get().requested().admits(method)) {
            return true;
        }
        EventBuilder event = EntraEvents.tag(context.getEvent(), authSession)
                .detail(EntraEvents.AMR, method.amr())
                .detail(EntraEvents.REASON, "requested acr/amr cannot be met by " + method.amr());
        event.error(ERROR_FACTOR_NOT_ACCEPTABLE);
        context.forceChallenge(EntraErrorResponse.post(context.getSession(), authSession, EntraErrorResponse.ACCESS_DENIED,
                "The requested authentication method cannot be satisfied by the user's second factor."));
        return false;
    }

    /**
     * The user has nothing this factor can use (no token, no address). The user reads why, and the page's button
     * gives Entra its {@code access_denied}; outside an Entra transaction the page is Keycloak's error page.
     */
    public static void refuseWithoutUsableFactor(AuthenticationFlowContext context, String detail) {
        explainThenRefuse(context, detail, "sfoNoUsableFactor", "The user has no second factor enrolled.");
    }

    /**
     * The sign-in is for a change of the user's factors and none of their factors may confirm one (a face alone): the
     * user reads that the help desk makes the change; Entra, were this its transaction, hears {@code access_denied}.
     */
    public static void refuseFactorChange(AuthenticationFlowContext context, String detail) {
        explainThenRefuse(context, detail, "sfoFactorChangeNeedsAnotherFactor",
                "None of the user's factors may confirm a change to their factors.");
    }

    /**
     * An enrolment in the flow that was allowed when it started is not any more (its window closed, or the user was
     * given a factor meanwhile): nothing is set up, the user reads that the sign-in must start again, and Entra hears
     * {@code access_denied}; outside an Entra transaction the page is Keycloak's error page.
     */
    public static void refuseEnrolment(AuthenticationFlowContext context, String detail) {
        explainThenRefuse(context, detail, "sfoEnrolmentEnded", "Enrolment of a second factor is no longer allowed in this sign-in.");
    }

    private static void explainThenRefuse(AuthenticationFlowContext context, String detail, String messageKey, String description) {
        context.getEvent().user(context.getUser()).detail(EntraEvents.REASON, detail).error(ERROR_NO_USABLE_FACTOR);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (EntraTransaction.of(authSession).isPresent()) {
            context.forceChallenge(EntraErrorResponse.explainThenPost(context, messageKey, EntraErrorResponse.ACCESS_DENIED, description));
        } else {
            context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED,
                    context.form().setError(messageKey).createErrorPage(Response.Status.BAD_REQUEST));
        }
    }

    /**
     * The user gave up on the factor (the cancel button). Entra hears {@code temporarily_unavailable} when the factor
     * could not be delivered (Twilio or SMTP down), so it may let the user retry later, and {@code access_denied}
     * otherwise; another client gets Keycloak's own cancelled login.
     */
    public static void giveUp(AuthenticationFlowContext context, boolean deliveryFailed) {
        context.getEvent().user(context.getUser())
                .detail(EntraEvents.REASON, deliveryFailed ? "user gave up after a failed delivery" : "user cancelled")
                .error(ERROR_USER_GAVE_UP);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (EntraTransaction.of(authSession).isEmpty()) {
            context.cancelLogin();
            return;
        }
        context.forceChallenge(EntraErrorResponse.post(context.getSession(), authSession,
                deliveryFailed ? EntraErrorResponse.TEMPORARILY_UNAVAILABLE : EntraErrorResponse.ACCESS_DENIED,
                deliveryFailed ? "The second factor could not be delivered." : "The user cancelled the second factor."));
    }

    /**
     * Call instead of {@code context.success()} once the user passed the factor. True when the flow succeeded; false
     * when the transaction was refused at the last moment (its acr cannot be met, or it was replayed): Entra got its
     * error, and a factor that spends something on success (a help desk code's use) must give it back.
     */
    public static boolean succeed(AuthenticationFlowContext context, AuthenticationMethod method) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<EntraTransaction> found = EntraTransaction.of(authSession);
        // The factor itself names itself in the event (email and SMS codes share amr otp); this adds the amr.
        EntraEvents.tag(context.getEvent(), authSession).detail(EntraEvents.AMR, method.amr());
        CompletionRule.Outcome outcome = CompletionRule.decide(found, method,
                () -> new EntraReplayGuard(context.getSession(), context.getRealm()).spend(found.get()));
        if (outcome instanceof CompletionRule.OutsideEntra) {
            FreshFactor.record(authSession, context.getUser(), method);
            rememberFactor(context);
            Reauthentication.levelOf(authSession).ifPresent(level -> recordLevel(context, level));
            context.success();
            return true;
        }
        if (outcome instanceof CompletionRule.NotAcceptable) {
            admits(context, method);
            return false;
        }
        if (outcome instanceof CompletionRule.Replayed) {
            context.getEvent().detail(EntraEvents.REASON, "hint signature, hint uti, nonce or client-request-id already completed a transaction")
                    .error(ERROR_TRANSACTION_REPLAYED);
            context.forceChallenge(EntraErrorResponse.post(context.getSession(), authSession, EntraErrorResponse.INVALID_REQUEST,
                    "This sign-in request was already completed."));
            return false;
        }
        String acr = ((CompletionRule.Completed) outcome).acr();
        EntraTransaction transaction = found.get();
        transaction.recordClaims(authSession, acr, method);
        recordLevel(context, transaction.levelOfAuthentication());
        context.getEvent().detail(EntraEvents.AMR, method.amr()).detail(EntraEvents.ACR, acr);
        FreshFactor.record(authSession, context.getUser(), method);
        rememberFactor(context);
        context.success();
        return true;
    }

    /** Offered first next time ({@link LastFactor}); only ever after the factor passed. */
    private static void rememberFactor(AuthenticationFlowContext context) {
        if (context.getExecution() == null) {
            return;
        }
        try {
            LastFactor.remember(context.getUser(), context.getExecution().getAuthenticator());
        } catch (ReadOnlyException | ModelException e) {
            // A read-only user store (LDAP without write-back) keeps no order; the factor passed all the same.
            LOG.debugf("The factor passed last is not remembered for user %s: %s", context.getUser().getId(), e.getMessage());
        }
    }

    /** Full MFA for the realm's other clients too: the SSO session remembers the level reached here. */
    private static void recordLevel(AuthenticationFlowContext context, int level) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        new AcrStore(context.getSession(), authSession).setLevelAuthenticated(level);
        authSession.setUserSessionNote(Constants.LOA_MAP, authSession.getAuthNote(Constants.LOA_MAP));
    }
}
