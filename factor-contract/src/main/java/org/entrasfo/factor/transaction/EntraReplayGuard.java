package org.entrasfo.factor.transaction;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Contract 3.8: a hint, nonce or client-request-id that completed a transaction is refused afterwards. The marks
 * live in Keycloak's single-use object store, so they hold across every node of a cluster. A hint is marked by what
 * it means, not how it was spelled: the digest of its decoded signature, and Entra's {@code uti} as a second mark.
 * The nonce and client-request-id are the attacker's to choose, so they only catch honest retries.
 */
public final class EntraReplayGuard {

    private final KeycloakSession session;
    private final RealmModel realm;

    public EntraReplayGuard(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Checked when a request arrives, so a spent hint is refused before the user is asked for anything. */
    public boolean isSpent(String hintSignatureDigest, String hintUniqueTokenId, String nonce, String clientRequestId) {
        SingleUseObjectProvider store = session.singleUseObjects();
        return keys(hintSignatureDigest, hintUniqueTokenId, nonce, clientRequestId).stream().anyMatch(store::contains);
    }

    /**
     * Marks the transaction's identifiers as spent; false when another transaction spent any of them first
     * (two browsers racing with the same hint), in which case this one must not yield a token. A transaction
     * without its hint's signature mark (saved by an older version) cannot be told apart from a replay: refused.
     */
    public boolean spend(EntraTransaction transaction) {
        if (isBlank(transaction.hintSignatureDigest())) {
            return false;
        }
        SingleUseObjectProvider store = session.singleUseObjects();
        boolean allFresh = true;
        for (String key : keys(transaction.hintSignatureDigest(), transaction.hintUniqueTokenId(), transaction.nonce(),
                transaction.clientRequestId())) {
            allFresh &= store.putIfAbsent(key, transaction.replayWindowSeconds());
        }
        return allFresh;
    }

    private List<String> keys(String hintSignatureDigest, String hintUniqueTokenId, String nonce, String clientRequestId) {
        String prefix = "entra-sfo:" + realm.getId() + ":";
        List<String> keys = new ArrayList<>(4);
        if (!isBlank(hintSignatureDigest)) {
            keys.add(prefix + "hint-signature:" + hintSignatureDigest);
        }
        if (!isBlank(hintUniqueTokenId)) {
            keys.add(prefix + "uti:" + Digest.sha256(hintUniqueTokenId));
        }
        if (!isBlank(nonce)) {
            keys.add(prefix + "nonce:" + Digest.sha256(nonce));
        }
        if (!isBlank(clientRequestId)) {
            keys.add(prefix + "client-request-id:" + Digest.sha256(clientRequestId));
        }
        return keys;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
