package org.entrasfo.sfo.push.webpush;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's VAPID key (RFC 8292), derived from the realm's active internal HMAC key ({@code hmac-generated-hs512},
 * which every realm has, every node reads from the database, and which never leaves the server). It is not a realm
 * key: nothing is created for it, and it is never in the realm's JWKS, where Entra expects only id_token signing keys
 * with their certificates. Rotating the HMAC key rotates the VAPID key; devices subscribe again when their app starts.
 * One instance per node (the push factor's factory); it keeps only what the database already determines.
 */
public final class VapidKeys {

    /** Realms times HMAC key rotations: small; clearing when full just derives again. */
    private static final int MAX_DERIVED = 1000;

    private final Function<ECPrivateKey, ECPublicKey> publicOf;
    private final Map<String, KeyPair> derived = new ConcurrentHashMap<>();

    /** With the server's own crypto provider (plain or FIPS) computing the public point. */
    public VapidKeys() {
        this(privateKey -> CryptoIntegration.getProvider().getEcdsaCryptoProvider().getPublicFromPrivate(privateKey));
    }

    VapidKeys(Function<ECPrivateKey, ECPublicKey> publicOf) {
        this.publicOf = publicOf;
    }

    public KeyPair of(KeycloakSession session, RealmModel realm) {
        KeyWrapper hmac = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        return of(realm.getId() + "/" + hmac.getKid(), hmac.getSecretKey().getEncoded());
    }

    /** Derived once per node and HMAC key id. */
    KeyPair of(String hmacKeyId, byte[] hmacSecret) {
        KeyPair known = derived.get(hmacKeyId);
        if (known != null) {
            return known;
        }
        if (derived.size() >= MAX_DERIVED) {
            derived.clear();
        }
        KeyPair made = VapidKeyDerivation.keyPair(hmacSecret, publicOf);
        derived.put(hmacKeyId, made);
        return made;
    }
}
