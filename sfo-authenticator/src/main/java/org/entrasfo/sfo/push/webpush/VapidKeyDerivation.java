package org.entrasfo.sfo.push.webpush;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.function.Function;

/**
 * The realm's VAPID key pair (RFC 8292) made from a secret every node of the realm already holds and that never leaves
 * the server: the same secret gives the same key on every node, so nothing has to be created or stored, and nothing
 * ends up among the realm's signing keys, whose JWKS Entra reads.
 */
public final class VapidKeyDerivation {

    /** Fixed and versioned: another purpose of the same secret never yields this key. */
    static final byte[] INFO = "entra-sfo push VAPID key P-256 v1".getBytes(StandardCharsets.US_ASCII);
    /** 64 bits more than the order (FIPS 186-4, B.4.1), so reducing modulo the order leaves no usable bias. */
    private static final int SEED_LENGTH = 40;

    private VapidKeyDerivation() {
    }

    /** The private scalar, in [1, n-1] of P-256. */
    public static ECPrivateKey privateKey(byte[] secret) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("no secret to derive the VAPID key from");
        }
        BigInteger order = P256.PARAMETERS.getOrder();
        BigInteger seed = new BigInteger(1, Hkdf.derive(new byte[0], secret, INFO, SEED_LENGTH));
        return P256.decodePrivate(seed.mod(order.subtract(BigInteger.ONE)).add(BigInteger.ONE).toByteArray());
    }

    /**
     * The key pair, its public point computed by {@code publicOf} (the server's crypto provider) and checked: a point of
     * P-256 that verifies a signature of the private key, so devices never subscribe with a key that cannot sign.
     */
    public static KeyPair keyPair(byte[] secret, Function<ECPrivateKey, ECPublicKey> publicOf) {
        ECPrivateKey privateKey = privateKey(secret);
        ECPublicKey publicKey = P256.decodePublic(P256.encode(publicOf.apply(privateKey)));
        byte[] probe = "VAPID key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("the computed VAPID public key does not belong to its private key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 is not available", e);
        }
        return new KeyPair(publicKey, privateKey);
    }
}
