package org.entrasfo.sfo.push;

import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.EntraTransaction;
import org.entrasfo.factor.transaction.SecondFactorCompletion;
import org.entrasfo.sfo.PreferredFactor;
import org.entrasfo.sfo.SecondFactorAuthenticator;
import org.entrasfo.sfo.push.challenge.CoarseAddress;
import org.entrasfo.sfo.push.challenge.PushChallenge;
import org.entrasfo.sfo.push.challenge.PushChallenges;
import org.entrasfo.sfo.push.challenge.PushOutcome;
import org.entrasfo.sfo.push.challenge.PushThrottle;
import org.entrasfo.sfo.push.enrolment.PushEnrolmentPage;
import org.entrasfo.sfo.push.webpush.PushNotifier;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The push approval factor: the user's enrolled device approves the sign-in by picking (or typing) the number the page
 * shows. The page waits without reloading and posts itself on approval; the answer is consumed once, by this auth
 * session only. A reload shows the same challenge again instead of pushing another; only "send again" makes a new one,
 * within the push fatigue limits. A user without a device enrols one here while the enrolment policy allows it.
 */
public class PushApprovalAuthenticator extends SecondFactorAuthenticator {

    public static final String FACTOR = "push";
    static final String TEMPLATE = "sfo-push.ftl";
    static final String CHALLENGE_NOTE = "entra-sfo.push.challenge";
    /** The form field of the push pages (wait and enrolment) that says what the user asked for. */
    public static final String ACTION_FIELD = "sfo-push-action";
    static final String ERROR_THROTTLED = "sfo_push_throttled";

    private final PushNotifier notifier;

    PushApprovalAuthenticator(PushApprovalAuthenticatorFactory factory, PushNotifier notifier) {
        super(factory, FACTOR);
        this.notifier = notifier;
    }

    @Override
    protected AuthenticationMethod methodFor(AuthenticationFlowContext context) {
        return AuthenticationMethod.SWK;
    }

    @Override
    protected void startEnrolment(AuthenticationFlowContext context) {
        PushEnrolmentPage.start(context.getSession(), context.getRealm(), context.getUser(), context.getAuthenticationSession());
        context.challenge(PushEnrolmentPage.form(context.form(), context.getAuthenticationSession(), null));
    }

    /** A reload shows the same challenge again instead of pushing another. */
    @Override
    protected void challenge(AuthenticationFlowContext context) {
        Optional<PushChallenge> current = ownChallenge(context).filter(challenge -> !challenge.isExpired(Time.currentTime()));
        if (current.isPresent() && new PushChallenges(context.getSession()).isCurrent(current.get())) {
            context.challenge(page(context, current.get(), "pending", null));
            return;
        }
        newChallenge(context, PushApprovalConfig.of(context.getAuthenticatorConfig()));
    }

    @Override
    protected Response lockedOutPage(AuthenticationFlowContext context, String bruteForceError) {
        return page(context, null, "locked",
                Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError) ? "sfoPushLockedTemporarily" : "sfoPushLockedPermanently");
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        tag(context);
        String action = context.getHttpRequest().getDecodedFormParameters().getFirst(ACTION_FIELD);
        if ("cancel".equals(action)) {
            SecondFactorCompletion.giveUp(context, false);
            return;
        }
        if (PushEnrolmentPage.isEnrolling(authSession)) {
            enrolled(context, "resend".equals(action));
            return;
        }
        if (lockedOut(context)) {
            return;
        }
        if ("resend".equals(action)) {
            newChallenge(context, PushApprovalConfig.of(context.getAuthenticatorConfig()));
            return;
        }
        Optional<PushChallenge> found = ownChallenge(context);
        if (found.isEmpty()) {
            context.challenge(page(context, null, "expired", "sfoPushExpired"));
            return;
        }
        PushChallenge challenge = found.get();
        PushChallenges challenges = new PushChallenges(context.getSession());
        Optional<PushOutcome> outcome = challenges.consumeOutcome(challenge.id());
        if (outcome.isEmpty()) {
            String state = !challenges.isCurrent(challenge) ? "replaced" : challenge.isExpired(Time.currentTime()) ? "expired" : "pending";
            context.challenge(page(context, challenge, state, switch (state) {
                case "replaced" -> "sfoPushReplaced";
                case "expired" -> "sfoPushExpired";
                default -> null;
            }));
            return;
        }
        challenges.retire(challenge);
        authSession.removeAuthNote(CHALLENGE_NOTE);
        PushOutcome answer = outcome.get();
        context.getEvent().detail("credential_id", answer.credentialId());
        if (answer.result() != PushOutcome.Result.APPROVED) {
            // The device's request already raised the event and counted toward the lockout; the page only explains.
            context.challenge(page(context, null, answer.result().protocolName(),
                    answer.result() == PushOutcome.Result.WRONG_NUMBER ? "sfoPushWrongNumber" : "sfoPushDenied"));
            return;
        }
        if (PushDeviceCredentialProvider.deviceOf(context.getUser(), answer.credentialId()).isEmpty()) {
            context.getEvent().detail(EntraEvents.REASON, "approving device was removed").error(Errors.INVALID_USER_CREDENTIALS);
            context.challenge(page(context, null, "expired", "sfoPushExpired"));
            return;
        }
        if (SecondFactorCompletion.succeed(context, AuthenticationMethod.SWK)) {
            PreferredFactor.remember(context.getUser(), answer.credentialId());
        }
    }

    /** In-flow enrolment: done once a device answered the page's enrolment; proving the device key is the factor. */
    private void enrolled(AuthenticationFlowContext context, boolean restart) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        PushApprovalConfig config = PushApprovalConfig.of(context.getAuthenticatorConfig());
        Optional<String> device = PushEnrolmentPage.enrolledDevice(context.getSession(), authSession)
                .filter(id -> PushDeviceCredentialProvider.deviceOf(user, id).isPresent());
        if (device.isPresent()) {
            PushEnrolmentPage.finish(authSession);
            context.getEvent().detail("credential_id", device.get()).detail(EntraEvents.REASON, "enrolled a push device in the SFO flow");
            SecondFactorCompletion.succeed(context, AuthenticationMethod.SWK);
            return;
        }
        if (!mayEnrol(context)) {
            PushEnrolmentPage.finish(authSession);
            SecondFactorCompletion.refuseEnrolment(context, "push device enrolment no longer allowed");
            return;
        }
        if (restart || PushEnrolmentPage.expired(authSession)) {
            PushEnrolmentPage.start(context.getSession(), context.getRealm(), user, authSession);
            context.challenge(PushEnrolmentPage.form(context.form(), authSession, null));
            return;
        }
        context.challenge(PushEnrolmentPage.form(context.form(), authSession, "sfoPushEnrolNotYet"));
    }

    private void newChallenge(AuthenticationFlowContext context, PushApprovalConfig config) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();
        long now = Time.currentTime();
        PushThrottle throttle = new PushThrottle(context.getSession());
        PushThrottle.Decision decision = throttle.check(realm.getId(), user.getId(), now);
        if (!decision.allowed()) {
            context.getEvent().clone().detail(EntraEvents.REASON, decision.exhausted()
                            ? "too many unanswered push requests" : "push requested again too soon")
                    .error(ERROR_THROTTLED);
            Optional<PushChallenge> previous = ownChallenge(context)
                    .filter(challenge -> !challenge.isExpired(now) && new PushChallenges(context.getSession()).isCurrent(challenge));
            context.challenge(page(context, previous.orElse(null), previous.isPresent() ? "pending" : "throttled",
                    decision.exhausted() ? "sfoPushTooMany" : "sfoPushWait", Long.toString(decision.waitSeconds())));
            return;
        }
        int number = NumberMatching.newNumber();
        Optional<EntraTransaction> transaction = EntraTransaction.of(authSession);
        PushChallenge challenge = new PushChallenge(PushChallenges.newId(), realm.getId(), user.getId(),
                authSession.getParentSession().getId(), authSession.getTabId(), authSession.getClient().getClientId(),
                transaction.flatMap(t -> Optional.ofNullable(t.clientRequestId())).orElse(null),
                applicationName(context), realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName(),
                transaction.map(EntraTransaction::tenantId).orElse(null),
                CoarseAddress.of(context.getConnection().getRemoteAddr()),
                number, NumberMatching.choicesFor(number), config.numberMatching(),
                PushChallenges.newId(), now, now + config.challengeLifetimeSeconds());
        new PushChallenges(context.getSession()).save(challenge);
        throttle.recordCreated(realm.getId(), user.getId(), now);
        authSession.setAuthNote(CHALLENGE_NOTE, challenge.id());
        notifier.notifyDevices(context.getSession(), realm, user, challenge);
        context.challenge(page(context, challenge, "pending", null));
    }

    private static String applicationName(AuthenticationFlowContext context) {
        var client = context.getAuthenticationSession().getClient();
        return client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId();
    }

    /** The challenge this auth session made; never one of another session, even of the same user. */
    private static Optional<PushChallenge> ownChallenge(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        return new PushChallenges(context.getSession()).find(authSession.getAuthNote(CHALLENGE_NOTE))
                .filter(challenge -> challenge.belongsTo(authSession.getParentSession().getId(), authSession.getTabId()));
    }

    private static Response page(AuthenticationFlowContext context, PushChallenge challenge, String state, String message,
                                 Object... parameters) {
        return PushWaitPage.form(context, challenge, state, message, parameters);
    }
}
