package org.entrasfo.sfo.push.device;

import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.sfo.push.PushDeviceCredentialProvider;
import org.entrasfo.sfo.push.challenge.PushChallenge;
import org.entrasfo.sfo.push.challenge.PushChallenges;
import org.entrasfo.sfo.push.challenge.PushOutcome;
import org.entrasfo.sfo.push.challenge.PushThrottle;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * A device's view of and answer to a challenge (protocol section 3), once its signed request was verified: only the
 * challenge of its own user, still current, answered once; a denial or a wrong number counts toward the lockout.
 */
final class ChallengeAnswers {

    static final String ERROR_DENIED = "sfo_push_denied";
    static final String ERROR_NOT_REQUESTED = "sfo_push_not_requested";
    static final String ERROR_WRONG_NUMBER = "sfo_push_wrong_number";
    private static final Logger LOG = Logger.getLogger(ChallengeAnswers.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PushEvents events;
    private final PushChallenges challenges;

    ChallengeAnswers(KeycloakSession session, RealmModel realm, PushEvents events) {
        this.session = session;
        this.realm = realm;
        this.events = events;
        this.challenges = new PushChallenges(session);
    }

    /** The challenge the path names (and the request's {@code challenge} claim), if this device's user may still answer it. */
    PushChallenge answerable(String id, DeviceRequests.Verified request) throws DeviceRequestRefused {
        // Another user's challenge is "not found": a device learns nothing about other people's sign-ins.
        PushChallenge challenge = challenges.find(id)
                .filter(found -> found.realmId().equals(realm.getId()) && found.userId().equals(request.user().getId()))
                .orElseThrow(() -> new DeviceRequestRefused(404, "challenge_not_found", "no such challenge for this device"));
        if (challenge.isExpired(Time.currentTime())) {
            throw new DeviceRequestRefused(410, "challenge_expired", "the sign-in request has expired");
        }
        if (!challenges.isCurrent(challenge)) {
            throw new DeviceRequestRefused(410, "challenge_replaced", "a newer sign-in request replaced this one");
        }
        return challenge;
    }

    /** Records the one answer of the challenge. */
    PushOutcome.Result answer(PushChallenge challenge, DeviceRequests.Verified request) throws DeviceRequestRefused {
        PushOutcome.Result result = judge(challenge, request);
        if (lockedOut(request.user())) {
            throw new DeviceRequestRefused(403, "access_denied", "the user is locked out for now");
        }
        if (!challenges.claimAnswer(challenge)) {
            throw new DeviceRequestRefused(409, "challenge_answered", "this challenge was already answered");
        }
        long now = Time.currentTime();
        challenges.recordOutcome(challenge, new PushOutcome(result, request.device().credentialId(), now));
        PushDeviceCredentialProvider.update(request.user(), request.device().usedAt(now));
        if (result == PushOutcome.Result.APPROVED) {
            new PushThrottle(session).clear(realm.getId(), request.user().getId());
        } else {
            refusedByUser(challenge, request, result);
        }
        return result;
    }

    /** Approve with the right number, or deny; anything else is not an answer. */
    private static PushOutcome.Result judge(PushChallenge challenge, DeviceRequests.Verified request) throws DeviceRequestRefused {
        Object number = request.claims().getClaim("number");
        switch (String.valueOf(request.act())) {
            case "approve":
                if (!(number instanceof Number given)) {
                    throw DeviceRequestRefused.invalidRequest("approve needs the number the user chose");
                }
                return given.longValue() == challenge.number() ? PushOutcome.Result.APPROVED : PushOutcome.Result.WRONG_NUMBER;
            case "deny":
                return "not_requested".equals(request.claims().getClaim("reason"))
                        ? PushOutcome.Result.NOT_REQUESTED : PushOutcome.Result.DENIED;
            default:
                throw DeviceRequestRefused.invalidRequest("act must be approve or deny");
        }
    }

    /** An explicit denial or a wrong number counts toward the brute-force lockout, and the security team hears of it. */
    private void refusedByUser(PushChallenge challenge, DeviceRequests.Verified request, PushOutcome.Result result) {
        String error = switch (result) {
            case NOT_REQUESTED -> ERROR_NOT_REQUESTED;
            case WRONG_NUMBER -> ERROR_WRONG_NUMBER;
            default -> ERROR_DENIED;
        };
        String reason = switch (result) {
            case NOT_REQUESTED -> "user reported a sign-in they did not request";
            case WRONG_NUMBER -> "wrong number chosen on the device";
            default -> "user denied on the device";
        };
        events.withChallenge(events.event(EventType.LOGIN_ERROR), challenge).user(request.user())
                .detail("credential_id", request.device().credentialId())
                .detail(EntraEvents.REASON, reason).error(error);
        if (realm.isBruteForceProtected()) {
            session.getProvider(BruteForceProtector.class).failedLogin(realm, request.user(),
                    session.getContext().getConnection(), session.getContext().getUri(), null);
        }
        LOG.debugf("Push challenge refused by the user's device in realm %s: %s", realm.getName(), reason);
    }

    private boolean lockedOut(UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        return protector.isTemporarilyDisabled(session, realm, user) || protector.isPermanentlyLockedOut(session, realm, user);
    }
}
