package org.entrasfo.it.secrets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every secret a test run makes, recorded where the test side creates or receives it (OTP seeds, codes, hints,
 * Twilio's auth token, device keys, the face engine's API key), so that one test can look for all of them in the server's log and event store.
 * Recording never changes what a test does.
 */
public final class RunSecrets {

    /** What kind of secret, and so how a leak of it would hurt. */
    public enum Kind { OTP_SEED, CODE, HINT, TWILIO_AUTH_TOKEN, DEVICE_KEY, PUSH_ENROLMENT, FACE_ENGINE_KEY }

    /** One secret value; {@code digits} ones (codes) are matched as whole numbers, the others as text. */
    public record Secret(Kind kind, String value) {

        public boolean digits() {
            return value.chars().allMatch(Character::isDigit);
        }

        /** Enough to tell secrets apart in a report, never enough to use one. */
        public String masked() {
            int shown = digits() ? 1 : 4;
            return value.substring(0, Math.min(shown, value.length())) + "…(" + value.length() + " chars)";
        }
    }

    /** Shortest secret matched as text; shorter ones would match by chance. */
    public static final int MIN_TEXT_LENGTH = 8;
    private static final Pattern MESSAGE_CODES = Pattern.compile("^(\\d{6,10})\\b|#(\\d{6,10})\\b", Pattern.MULTILINE);
    private static final Set<Secret> SECRETS = ConcurrentHashMap.newKeySet();

    private RunSecrets() {
    }

    /**
     * An OTP seed as Keycloak stores it (the raw secret), as an authenticator app shows it (base32 of its bytes) and as
     * seed files write it (hex).
     */
    public static void otpSeed(String raw) {
        if (raw != null && !raw.isBlank()) {
            byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
            add(Kind.OTP_SEED, raw);
            add(Kind.OTP_SEED, Base32.encode(bytes));
            add(Kind.OTP_SEED, hex(bytes));
        }
    }

    /** An OTP key given as base32 (an enrolment page, a seed file): base32 and lower-case hex of its bytes. */
    public static void otpKeyBase32(String base32) {
        if (base32 != null && !base32.isBlank()) {
            String normalised = base32.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
            add(Kind.OTP_SEED, normalised);
            add(Kind.OTP_SEED, hex(Base32.decode(normalised)));
        }
    }

    /** A one-time code (SMS, email, help desk, push enrolment); spaces and dashes inside are ignored, as the forms ignore them. */
    public static void code(Kind kind, String code) {
        if (code != null && !code.isBlank()) {
            add(kind, code.trim());
            add(kind, code.replace(" ", "").replace("-", "").trim());
        }
    }

    /**
     * The code a text message carries: where the message starts with it, and in the {@code @host #code} line phones
     * read for autofill. Not every long number of the text: a realm's name may hold digits that are no secret.
     */
    public static void codesIn(String message) {
        if (message == null) {
            return;
        }
        Matcher codes = MESSAGE_CODES.matcher(message);
        while (codes.find()) {
            add(Kind.CODE, codes.group(1) != null ? codes.group(1) : codes.group(2));
        }
    }

    /** A signed hint: its payload (personal data) and its signature are each unique to it. */
    public static void hint(String compactJws) {
        String[] parts = compactJws == null ? new String[0] : compactJws.split("\\.");
        for (int i = 1; i < parts.length; i++) {
            add(Kind.HINT, parts[i]);
        }
    }

    /** A push enrolment token: its signature is what lets a device enrol for the user. */
    public static void enrolmentToken(String compactJws) {
        String[] parts = compactJws == null ? new String[0] : compactJws.split("\\.");
        if (parts.length == 3) {
            add(Kind.PUSH_ENROLMENT, parts[2]);
        }
    }

    public static void add(Kind kind, String value) {
        if (value == null) {
            return;
        }
        Secret secret = new Secret(kind, value);
        if (secret.digits() ? value.length() >= 6 : value.length() >= MIN_TEXT_LENGTH) {
            SECRETS.add(secret);
        }
    }

    public static List<Secret> all() {
        return List.copyOf(SECRETS);
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** RFC 4648 base32 without padding, as authenticator apps and Keycloak's TOTP page write OTP keys. */
    static final class Base32 {

        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        private Base32() {
        }

        static String encode(byte[] bytes) {
            StringBuilder out = new StringBuilder();
            int buffer = 0;
            int bits = 0;
            for (byte b : bytes) {
                buffer = (buffer << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
            }
            return out.toString();
        }

        static byte[] decode(String text) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int buffer = 0;
            int bits = 0;
            for (char c : text.toCharArray()) {
                int value = ALPHABET.indexOf(c);
                if (value < 0) {
                    continue;
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
    }
}
