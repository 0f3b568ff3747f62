package org.entrasfo.sfo.otp.tokens;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * One hardware OATH token as read from a vendor seed file, ready to become a Keycloak OTP credential.
 *
 * @param serial    the serial printed on the device; never blank
 * @param username  which Keycloak user the token is for, or {@code null} if the file does not say
 * @param kind      HOTP (counter based) or TOTP (time based)
 * @param secret    the raw seed bytes
 * @param digits    code length, 6..10
 * @param counter   HOTP start counter
 * @param period    TOTP time step in seconds
 * @param algorithm HMAC algorithm in Keycloak's naming: HmacSHA1, HmacSHA256 or HmacSHA512
 */
public record HardwareToken(String serial, String username, Kind kind, byte[] secret, int digits, long counter,
                            int period, String algorithm) {

    public enum Kind { HOTP, TOTP }

    public static final String HMAC_SHA1 = "HmacSHA1";
    public static final String HMAC_SHA256 = "HmacSHA256";
    public static final String HMAC_SHA512 = "HmacSHA512";
    public static final int DEFAULT_DIGITS = 6;
    public static final long DEFAULT_COUNTER = 0;
    public static final int DEFAULT_PERIOD = 30;
    public static final String DEFAULT_ALGORITHM = HMAC_SHA1;

    private static final Set<String> ALGORITHMS = Set.of(HMAC_SHA1, HMAC_SHA256, HMAC_SHA512);
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    // The readers report problems with file positions first; these checks only stop a bad token being built in code.
    public HardwareToken {
        if (serial == null || serial.isBlank()) {
            throw new IllegalArgumentException("serial must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("token " + serial + " has no secret");
        }
        if (digits < 6 || digits > 10) {
            throw new IllegalArgumentException("token " + serial + ": digits must be 6..10, not " + digits);
        }
        if (counter < 0) {
            throw new IllegalArgumentException("token " + serial + ": counter must not be negative");
        }
        if (period <= 0) {
            throw new IllegalArgumentException("token " + serial + ": period must be positive");
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("token " + serial + ": unsupported algorithm " + algorithm);
        }
        secret = secret.clone();
    }

    /** A copy: the caller must not be able to change (or wipe) the token's seed behind its back. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** RFC 4648 base32, uppercase, without padding: the form Keycloak's OTP credentials and authenticator apps use. */
    public String base32Secret() {
        StringBuilder out = new StringBuilder((secret.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : secret) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(BASE32[(buffer >>> bits) & 0x1f]);
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }

    // Records compare arrays by reference; tokens with the same seed are the same token.
    @Override
    public boolean equals(Object o) {
        return o instanceof HardwareToken t && serial.equals(t.serial) && Objects.equals(username, t.username)
                && kind == t.kind && Arrays.equals(secret, t.secret) && digits == t.digits && counter == t.counter
                && period == t.period && algorithm.equals(t.algorithm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serial, username, kind, Arrays.hashCode(secret), digits, counter, period, algorithm);
    }

    /** Leaves the secret out, so tokens can be logged. */
    @Override
    public String toString() {
        return "HardwareToken[serial=" + serial + ", username=" + username + ", kind=" + kind + ", digits=" + digits
                + ", algorithm=" + algorithm + "]";
    }
}
