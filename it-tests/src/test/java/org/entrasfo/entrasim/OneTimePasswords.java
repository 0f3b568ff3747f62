package org.entrasfo.entrasim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HOTP (RFC 4226) and TOTP (RFC 6238) codes, as the user's token computes them. Keycloak keeps OTP secrets as text and
 * uses the text's bytes as the HMAC key, so that is the key here too.
 */
public final class OneTimePasswords {

    private OneTimePasswords() {
    }

    public static String hotp(byte[] key, long counter, int digits, String hmacAlgorithm) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(key, hmacAlgorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int code = binary % (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", code);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String totp(String keycloakSecret, Instant at) {
        return hotp(keycloakSecret.getBytes(StandardCharsets.UTF_8), at.getEpochSecond() / 30, 6, "HmacSHA1");
    }

    /** The code an authenticator app shows for the key an enrolment page gives it (RFC 4648 base32, spaces allowed). */
    public static String totpForAppKey(String base32Key, Instant at) {
        return hotp(base32(base32Key), at.getEpochSecond() / 30, 6, "HmacSHA1");
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace(" ", "").replace("=", "").toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    public static String hotp(String keycloakSecret, long counter) {
        return hotp(keycloakSecret.getBytes(StandardCharsets.UTF_8), counter, 6, "HmacSHA1");
    }
}
