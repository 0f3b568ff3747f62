package org.entrasfo.sfo.code;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A one-time code as the auth session remembers it: a salted HMAC of the code (never the code), when it expires,
 * how many wrong tries it has taken and when it was sent. Kept in auth-session notes, so any cluster node can check it.
 */
public record IssuedCode(String salt, String hash, Instant expiresAt, Instant sentAt, int failedAttempts) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh code of {@code digits} decimal digits from SecureRandom, and what is stored of it. */
    public static Issued issue(int digits, Instant now, Instant expiresAt) {
        StringBuilder code = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            code.append(RANDOM.nextInt(10));
        }
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = Base64.getEncoder().encodeToString(saltBytes);
        return new Issued(code.toString(), new IssuedCode(salt, hmac(salt, code.toString()), expiresAt, now, 0));
    }

    public record Issued(String plainCode, IssuedCode stored) {
    }

    /** Constant-time comparison, so response times say nothing about how much of a guess was right. */
    public boolean matches(String input) {
        if (input == null) {
            return false;
        }
        String normalized = input.replaceAll("[\\s-]", "");
        return MessageDigest.isEqual(hmac(salt, normalized).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public IssuedCode withFailedAttempt() {
        return new IssuedCode(salt, hash, expiresAt, sentAt, failedAttempts + 1);
    }

    public void saveTo(AuthenticationSessionModel authSession, String factor) {
        String prefix = prefix(factor);
        authSession.setAuthNote(prefix + "salt", salt);
        authSession.setAuthNote(prefix + "hash", hash);
        authSession.setAuthNote(prefix + "expires", Long.toString(expiresAt.getEpochSecond()));
        authSession.setAuthNote(prefix + "sent", Long.toString(sentAt.getEpochSecond()));
        authSession.setAuthNote(prefix + "failed", Integer.toString(failedAttempts));
    }

    public static Optional<IssuedCode> loadFrom(AuthenticationSessionModel authSession, String factor) {
        String prefix = prefix(factor);
        String hash = authSession.getAuthNote(prefix + "hash");
        if (hash == null) {
            return Optional.empty();
        }
        return Optional.of(new IssuedCode(authSession.getAuthNote(prefix + "salt"), hash,
                Instant.ofEpochSecond(Long.parseLong(authSession.getAuthNote(prefix + "expires"))),
                Instant.ofEpochSecond(Long.parseLong(authSession.getAuthNote(prefix + "sent"))),
                Integer.parseInt(authSession.getAuthNote(prefix + "failed"))));
    }

    /** The code is spent: a new one must be sent before anything can be accepted. */
    public static void discard(AuthenticationSessionModel authSession, String factor) {
        String prefix = prefix(factor);
        for (String note : new String[]{"salt", "hash", "expires", "failed"}) {
            authSession.removeAuthNote(prefix + note);
        }
    }

    private static String prefix(String factor) {
        return "sfo-code." + factor + ".";
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
