package org.entrasfo.pushsim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

/** What a browser makes when it subscribes to push: a P-256 key pair and a 16-byte auth secret (RFC 8291). */
public record UserAgentKeys(KeyPair keyPair, byte[] authSecret) {

    public static UserAgentKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            return new UserAgentKeys(generator.generateKeyPair(), auth);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String p256dh() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(uncompressedPoint((ECPublicKey) keyPair.getPublic()));
    }

    public String auth() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(authSecret);
    }

    /** As {@code PushSubscription.toJSON()} gives it to a web app. */
    public Map<String, Object> subscriptionJson(String endpoint) {
        return Map.of("endpoint", endpoint, "keys", Map.of("p256dh", p256dh(), "auth", auth()));
    }

    static byte[] uncompressedPoint(ECPublicKey key) {
        byte[] point = new byte[65];
        point[0] = 4;
        fixed(key.getW().getAffineX(), point, 1);
        fixed(key.getW().getAffineY(), point, 33);
        return point;
    }

    /** The public key of a 65-byte uncompressed point, as Web Push sends keys. */
    static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        java.security.spec.ECPoint w = new java.security.spec.ECPoint(new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, java.util.Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) java.security.KeyFactory.getInstance("EC").generatePublic(
                new java.security.spec.ECPublicKeySpec(w, parameters.getParameterSpec(java.security.spec.ECParameterSpec.class)));
    }

    private static void fixed(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, target, offset + 32 - length, length);
    }
}
