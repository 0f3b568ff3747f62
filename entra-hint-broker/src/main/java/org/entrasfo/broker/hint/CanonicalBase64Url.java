package org.entrasfo.broker.hint;

import java.util.Base64;
import java.util.Optional;

/**
 * Base64url as RFC 7515 section 2 writes it for JWS: the url-safe alphabet of RFC 4648 section 5, no padding, no
 * line breaks or other characters, and every unused bit of the last character zero. Each byte string then has exactly
 * one spelling, so nothing an attacker re-spells can look new. Lenient decoders (nimbus-jose-jwt's among them) skip
 * stray characters and ignore the unused bits; this one refuses them.
 */
final class CanonicalBase64Url {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CanonicalBase64Url() {
    }

    /** The bytes a canonical spelling stands for; empty for any other spelling. */
    static Optional<byte[]> decode(String text) {
        if (!inAlphabet(text) || text.length() % 4 == 1) {
            return Optional.empty();
        }
        byte[] bytes = DECODER.decode(text);
        // Trailing bits: with 2 or 3 characters in the last group, 4 or 2 bits carry nothing; only zero is canonical.
        return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    }

    private static boolean inAlphabet(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean urlSafe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!urlSafe) {
                return false;
            }
        }
        return true;
    }
}
