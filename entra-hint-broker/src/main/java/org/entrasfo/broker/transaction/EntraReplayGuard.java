package org.entrasfo.broker.transaction;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Contract 3.8: a hint, nonce or client-request-id that completed a transaction is refused afterwards. The marks
 * live in Keycloak's single-use object store, so they hold across every node of a cluster.
 */
public final class EntraReplayGuard {

    private final KeycloakSession session;
    private final RealmModel realm;

    public EntraReplayGuard(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Checked when a request arrives, so a spent hint is refused before the user is asked for anything. */
    public boolean isSpent(String hintDigest, String nonce, String clientRequestId) {
        SingleUseObjectProvider store = session.singleUseObjects();
        return keys(hintDigest, nonce, clientRequestId).stream().anyMatch(store::contains);
    }

    /**
     * Marks the transaction's identifiers as spent; false when another transaction spent any of them first
     * (two browsers racing with the same hint), in which case this one must not yield a token.
     */
    public boolean spend(EntraTransaction transaction) {
        SingleUseObjectProvider store = session.singleUseObjects();
        boolean allFresh = true;
        for (String key : keys(transaction.hintDigest(), transaction.nonce(), transaction.clientRequestId())) {
            allFresh &= store.putIfAbsent(key, transaction.replayWindowSeconds());
        }
        return allFresh;
    }

    private List<String> keys(String hintDigest, String nonce, String clientRequestId) {
        String prefix = "entra-sfo:" + realm.getId() + ":";
        List<String> keys = new ArrayList<>(3);
        keys.add(prefix + "hint:" + hintDigest);
        if (nonce != null && !nonce.isBlank()) {
            keys.add(prefix + "nonce:" + Digest.sha256(nonce));
        }
        if (clientRequestId != null && !clientRequestId.isBlank()) {
            keys.add(prefix + "client-request-id:" + Digest.sha256(clientRequestId));
        }
        return keys;
    }
}
