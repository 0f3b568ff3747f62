package org.entrasfo.broker.hint;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Each published Microsoft key made ready for RSA checks once per node instead of on every hint: decoding its
 * modulus and exponent from base64url (nimbus decodes in constant time, slowly) was the largest part of a hint's
 * validation on the server. Keyed by the whole key (modulus, exponent, kid and the rest), never by kid alone, so a
 * key Microsoft replaced under the same kid is a new entry. Only keys a realm's JWKS publishes get here (Microsoft's,
 * or a custom authority's an admin set): a realm whose JWKS publishes more than the bound only makes the cache start
 * over, and every hint is still checked against the key itself.
 */
final class RsaKeyVerifiers {

    /** Microsoft publishes a handful of keys per cloud; more than this means rotation, and the old ones can go. */
    private static final int MOST_KEYS = 64;

    private static final Map<RSAKey, ReadyKey> READY = new ConcurrentHashMap<>();

    /** A key's verifier (thread-safe: nimbus makes a new {@code Signature} per check) and its modulus length in bytes. */
    record ReadyKey(RSASSAVerifier verifier, int modulusLength) {
    }

    private RsaKeyVerifiers() {
    }

    /** Empty when the key cannot be an RSA public key: it then verifies nothing, as before. */
    static Optional<ReadyKey> of(RSAKey key) {
        ReadyKey ready = READY.get(key);
        if (ready != null) {
            return Optional.of(ready);
        }
        try {
            // From the modulus as a number: a JWKS may spell n with a leading zero byte, which adds nothing to its length.
            ready = new ReadyKey(new RSASSAVerifier(key), (key.getModulus().decodeToBigInteger().bitLength() + 7) / 8);
        } catch (JOSEException | RuntimeException e) {
            return Optional.empty();
        }
        if (READY.size() >= MOST_KEYS) {
            READY.clear();
        }
        READY.put(key, ready);
        return Optional.of(ready);
    }
}
