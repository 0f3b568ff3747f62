package org.entrasfo.sfo.code;

import java.time.Instant;
import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A one-time code as the auth session remembers it: a salted HMAC of the code (never the code), when it expires,
 * how many wrong tries it has taken and when it was sent. Kept in auth-session notes, so any cluster node can check it.
 */
public record IssuedCode(String salt, String hash, Instant expiresAt, Instant sentAt, int failedAttempts) {

    /** A fresh code of {@code digits} decimal digits from SecureRandom, and what is stored of it. */
    public static Issued issue(int digits, Instant now, Instant expiresAt) {
        String code = SaltedCodeHash.newCode(digits);
        SaltedCodeHash hashed = SaltedCodeHash.of(code);
        return new Issued(code, new IssuedCode(hashed.salt(), hashed.hash(), expiresAt, now, 0));
    }

    public record Issued(String plainCode, IssuedCode stored) {
    }

    public boolean matches(String input) {
        return new SaltedCodeHash(salt, hash).matches(input);
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
}
