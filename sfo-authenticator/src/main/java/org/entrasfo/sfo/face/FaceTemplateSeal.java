package org.entrasfo.sfo.face;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A face template encrypted at rest under one of the realm's own AES keys (Keycloak's {@code aes-generated} or another
 * AES key provider of the realm), named by its key id, so a copy of the database alone holds nobody's face.
 * AES-GCM authenticates the user's id and the engine as associated data: a template moved onto another user's
 * credential, or relabelled as another engine's, does not open. Form: {@code v1.<kid>.<iv>.<ciphertext>}, Base64url.
 */
public final class FaceTemplateSeal {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]+");

    private FaceTemplateSeal() {
    }

    public static String seal(String kid, SecretKey key, String userId, FaceTemplate template) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associated(kid, userId));
            byte[] engine = template.engineId().getBytes(StandardCharsets.UTF_8);
            byte[] data = template.data();
            byte[] plain = ByteBuffer.allocate(2 + engine.length + data.length)
                    .putShort((short) engine.length).put(engine).put(data).array();
            return String.join(".", VERSION, b64(kid.getBytes(StandardCharsets.UTF_8)), b64(iv), b64(cipher.doFinal(plain)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the face template could not be sealed: " + e.getClass().getSimpleName());
        }
    }

    /** The key id the sealed template names, or empty when it is not a sealed template. */
    public static Optional<String> keyId(String sealed) {
        String[] parts = parts(sealed);
        return parts == null ? Optional.empty() : Optional.of(new String(unb64(parts[1]), StandardCharsets.UTF_8));
    }

    /** The template, or empty when the key does not open it or it belongs to another user. */
    public static Optional<FaceTemplate> open(SecretKey key, String sealed, String userId) {
        String[] parts = parts(sealed);
        if (parts == null || key == null) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, unb64(parts[2])));
            cipher.updateAAD(associated(new String(unb64(parts[1]), StandardCharsets.UTF_8), userId));
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(unb64(parts[3])));
            byte[] engine = new byte[plain.getShort()];
            plain.get(engine);
            byte[] data = new byte[plain.remaining()];
            plain.get(data);
            return Optional.of(new FaceTemplate(new String(engine, StandardCharsets.UTF_8), data));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] associated(String kid, String userId) {
        return ("sfo-face|" + kid + "|" + userId).getBytes(StandardCharsets.UTF_8);
    }

    private static String[] parts(String sealed) {
        if (sealed == null) {
            return null;
        }
        String[] parts = sealed.split("\\.");
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            return null;
        }
        for (int i = 1; i < 4; i++) {
            if (!PART.matcher(parts[i]).matches()) {
                return null;
            }
        }
        return parts;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unb64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }
}
