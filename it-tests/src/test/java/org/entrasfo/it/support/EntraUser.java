package org.entrasfo.it.support;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.entrasfo.entrasim.OneTimePasswords;

/**
 * A Keycloak user bound to an Entra identity, with an OTP token whose secret the test holds. Counter-based (HOTP)
 * tokens give a fresh code on every call, so many sign-ins can run back to back; time-based ones are what most
 * users carry.
 */
public record EntraUser(String username, String objectId, String subject, String otpSecret, boolean counterBased, AtomicLong counter) {

    public String nextCode() {
        return counterBased ? OneTimePasswords.hotp(otpSecret, counter.getAndIncrement()) : OneTimePasswords.totp(otpSecret, Instant.now());
    }

    /** A code that is not the token's: from a counter far outside the look-ahead window. */
    public String wrongCode() {
        String right = nextCodePeek();
        String wrong = OneTimePasswords.hotp(otpSecret, 9_999_999L);
        return wrong.equals(right) ? OneTimePasswords.hotp(otpSecret, 9_999_998L) : wrong;
    }

    private String nextCodePeek() {
        return counterBased ? OneTimePasswords.hotp(otpSecret, counter.get()) : OneTimePasswords.totp(otpSecret, Instant.now());
    }
}
