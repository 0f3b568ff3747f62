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

    private static void fixed(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, target, offset + 32 - length, length);
    }
}
