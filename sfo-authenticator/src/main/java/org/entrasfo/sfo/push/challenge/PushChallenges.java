package org.entrasfo.sfo.push.challenge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Challenges in Keycloak's single-use object store, so that any node of a cluster can create, answer and finish one.
 * Every fact has its own key, written once: the challenge, the user's current challenge (a new one replaces the old),
 * the claim of the one answer (an atomic put-if-absent) and the answer itself, which the browser consumes by removing it.
 * Entries outlive the challenge by {@link #AFTERLIFE_SECONDS}, so a late device hears "expired", not "unknown".
 */
public final class PushChallenges {

    public static final long AFTERLIFE_SECONDS = 300;
    private static final String PREFIX = "entra-sfo.push.";

    private final SingleUseObjectProvider store;

    public PushChallenges(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    public static String newId() {
        return SecretGenerator.getInstance().randomString(32);
    }

    /** Stores the challenge and makes it the user's current one; any earlier one is from now on "replaced". */
    public void save(PushChallenge challenge) {
        long lifespan = lifespanOf(challenge);
        store.put(challengeKey(challenge.id()), lifespan, challenge.toNotes());
        store.put(currentKey(challenge.realmId(), challenge.userId()), lifespan, Map.of("id", challenge.id()));
    }

    public Optional<PushChallenge> find(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            return Optional.empty();
        }
        Map<String, String> notes = store.get(challengeKey(id));
        return notes == null ? Optional.empty() : Optional.of(PushChallenge.fromNotes(id, notes));
    }

    public boolean isCurrent(PushChallenge challenge) {
        Map<String, String> current = store.get(currentKey(challenge.realmId(), challenge.userId()));
        return current != null && challenge.id().equals(current.get("id"));
    }

    /** The user's challenge a device may still answer. */
    public Optional<PushChallenge> pendingFor(String realmId, String userId, long now) {
        Map<String, String> current = store.get(currentKey(realmId, userId));
        return current == null ? Optional.empty() : find(current.get("id"))
                .filter(challenge -> !challenge.isExpired(now))
                .filter(challenge -> !store.contains(answerClaimKey(challenge.id())));
    }

    /** True for exactly one caller per challenge, whichever node it runs on. */
    public boolean claimAnswer(PushChallenge challenge) {
        return store.putIfAbsent(answerClaimKey(challenge.id()), lifespanOf(challenge));
    }

    public void recordOutcome(PushChallenge challenge, PushOutcome outcome) {
        store.put(outcomeKey(challenge.id()), lifespanOf(challenge), outcome.toNotes());
    }

    public Optional<PushOutcome> outcome(String challengeId) {
        return PushOutcome.fromNotes(store.get(outcomeKey(challengeId)));
    }

    /** Removes the answer: only one request, on one node, gets it. */
    public Optional<PushOutcome> consumeOutcome(String challengeId) {
        return PushOutcome.fromNotes(store.remove(outcomeKey(challengeId)));
    }

    /** Ends the challenge once its auth session is done with it. */
    public void retire(PushChallenge challenge) {
        store.remove(challengeKey(challenge.id()));
        if (isCurrent(challenge)) {
            store.remove(currentKey(challenge.realmId(), challenge.userId()));
        }
    }

    /** Constant-time check of the page's secret, so the wait channel reveals nothing to anyone else. */
    public static boolean watchedBy(PushChallenge challenge, String watch) {
        return watch != null && MessageDigest.isEqual(challenge.watchSecret().getBytes(StandardCharsets.UTF_8),
                watch.getBytes(StandardCharsets.UTF_8));
    }

    private static long lifespanOf(PushChallenge challenge) {
        return Math.max(1, challenge.expiresAt() - challenge.createdAt()) + AFTERLIFE_SECONDS;
    }

    private static String challengeKey(String id) {
        return PREFIX + "challenge." + id;
    }

    private static String currentKey(String realmId, String userId) {
        return PREFIX + "current." + realmId + "." + userId;
    }

    private static String answerClaimKey(String id) {
        return PREFIX + "answered." + id;
    }

    private static String outcomeKey(String id) {
        return PREFIX + "outcome." + id;
    }
}
