package org.entrasfo.sfo.code;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What is kept of a one-time code: a random salt and the HMAC-SHA256 of the code under it, never the code. Compared
 * in constant time, so response times say nothing about how much of a guess was right.
 */
public record SaltedCodeHash(String salt, String hash) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code digits} decimal digits from SecureRandom. */
    public static String newCode(int digits) {
        StringBuilder code = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            code.append(RANDOM.nextInt(10));
        }
        return code.toString();
    }

    public static SaltedCodeHash of(String code) {
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = Base64.getEncoder().encodeToString(saltBytes);
        return new SaltedCodeHash(salt, hmac(salt, code));
    }

    /** Spaces and dashes the user typed to group the digits do not count. */
    public boolean matches(String input) {
        if (input == null) {
            return false;
        }
        String normalized = input.replaceAll("[\\s-]", "");
        return MessageDigest.isEqual(hmac(salt, normalized).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(String salt, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(salt), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(code.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
