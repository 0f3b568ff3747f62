package org.entrasfo.sfo.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A one-time code as the auth session remembers it: a salted HMAC of the code (never the code) and when it expires.
 * Kept in auth-session notes, so any cluster node can check it. Its tries are counted elsewhere ({@link CodeAttempts}),
 * under an id derived from the salt, so the count survives parallel requests that each rewrite the notes.
 */
public record IssuedCode(String salt, String hash, Instant expiresAt) {

    /** A fresh code of {@code digits} decimal digits from SecureRandom, and what is stored of it. */
    public static Issued issue(int digits, Instant expiresAt) {
        String code = SaltedCodeHash.newCode(digits);
        SaltedCodeHash hashed = SaltedCodeHash.of(code);
        return new Issued(code, new IssuedCode(hashed.salt(), hashed.hash(), expiresAt));
    }

    public record Issued(String plainCode, IssuedCode stored) {
    }

    public boolean matches(String input) {
        return new SaltedCodeHash(salt, hash).matches(input);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** How long the code can still be used, at least one second for stores that refuse a lifespan of zero. */
    public long secondsLeft(Instant now) {
        return Math.max(1, Duration.between(now, expiresAt).toSeconds());
    }

    /**
     * Names this code in shared stores. A hash of the salt, not the salt: salt and hash together would let anyone who
     * reads both test all codes offline.
     */
    public String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("entra-sfo-code-id:" + salt).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public void saveTo(AuthenticationSessionModel authSession, String factor) {
        String prefix = prefix(factor);
        authSession.setAuthNote(prefix + "salt", salt);
        authSession.setAuthNote(prefix + "hash", hash);
        authSession.setAuthNote(prefix + "expires", Long.toString(expiresAt.getEpochSecond()));
    }

    public static Optional<IssuedCode> loadFrom(AuthenticationSessionModel authSession, String factor) {
        String prefix = prefix(factor);
        String hash = authSession.getAuthNote(prefix + "hash");
        String salt = authSession.getAuthNote(prefix + "salt");
        String expires = authSession.getAuthNote(prefix + "expires");
        if (hash == null || salt == null || expires == null) {
            return Optional.empty();
        }
        return Optional.of(new IssuedCode(salt, hash, Instant.ofEpochSecond(Long.parseLong(expires))));
    }

    /** This auth session's code, if it has one that can still be used. */
    public static Optional<IssuedCode> loadValid(AuthenticationSessionModel authSession, String factor, Instant now) {
        return loadFrom(authSession, factor).filter(code -> !code.isExpired(now));
    }

    /** The code is spent: a new one must be sent before anything can be accepted. */
    public static void discard(AuthenticationSessionModel authSession, String factor) {
        String prefix = prefix(factor);
        for (String note : new String[]{"salt", "hash", "expires"}) {
            authSession.removeAuthNote(prefix + note);
        }
    }

    private static String prefix(String factor) {
        return "sfo-code." + factor + ".";
    }
}
