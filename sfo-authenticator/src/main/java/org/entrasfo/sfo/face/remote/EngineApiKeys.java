package org.entrasfo.sfo.face.remote;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * How a face engine's API key rests in a realm attribute. Realm attributes are part of every realm representation an
 * admin with view-realm reads (and of an export), so the key is never stored as itself: either a Keycloak vault
 * reference ({@code ${vault.face_engine_key}}, resolved only when the engine is called, as Keycloak does for SMTP and
 * identity-provider secrets), or sealed with AES-GCM under one of the realm's own AES keys, bound to the realm and the
 * attribute, so the stored value is no key anywhere else. Form: {@code sealed.v1.<kid>.<iv>.<ciphertext>}.
 */
public final class EngineApiKeys {

    static final String SEALED_PREFIX = "sealed.v1.";
    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\$\\{vault\\.[^}\\s]+}");
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EngineApiKeys() {
    }

    public static boolean isVaultReference(String value) {
        return value != null && VAULT_REFERENCE.matcher(value.trim()).matches();
    }

    /** What to store for a key the admin typed: the vault reference as it is, any other key sealed. */
    public static String toStored(KeycloakSession session, RealmModel realm, String attribute, String key) {
        String trimmed = key.trim();
        if (isVaultReference(trimmed)) {
            return trimmed;
        }
        KeyWrapper active = session.keys().getActiveKey(realm, KeyUse.ENC, Algorithm.AES);
        if (active == null || active.getSecretKey() == null) {
            throw new IllegalStateException("the realm has no active AES key to seal the face engine's API key with");
        }
        return seal(active.getKid(), active.getSecretKey(), realm.getId(), attribute, trimmed);
    }

    /**
     * Whether the stored value is a key as itself (written into the attribute by hand, past the provisioning call and
     * the admin page): every view-realm admin reads it, and Keycloak's admin event of that realm update recorded it.
     */
    public static boolean isPlain(String stored) {
        return stored != null && !stored.isBlank() && !isVaultReference(stored) && !stored.trim().startsWith(SEALED_PREFIX);
    }

    /**
     * The key itself, or empty when the stored value does not open (a removed realm key, another realm's value, an
     * unresolved vault entry) or is a plain key ({@link #isPlain}): that one is not used, so a leaked key does not keep
     * working unnoticed; the self-test names it.
     */
    public static Optional<String> resolve(KeycloakSession session, RealmModel realm, String attribute, String stored) {
        if (stored == null || stored.isBlank()) {
            return Optional.empty();
        }
        String value = stored.trim();
        if (isVaultReference(value)) {
            try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
                return secret.get().filter(s -> !s.isBlank());
            }
        }
        if (!value.startsWith(SEALED_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = value.substring(SEALED_PREFIX.length()).split("\\.");
        if (parts.length != 3 || !PART.matcher(parts[0]).matches()) {
            return Optional.empty();
        }
        String kid = new String(unb64(parts[0]), StandardCharsets.UTF_8);
        KeyWrapper key = session.keys().getKey(realm, kid, KeyUse.ENC, Algorithm.AES);
        return key == null ? Optional.empty() : open(key.getSecretKey(), realm.getId(), attribute, value);
    }

    static String seal(String kid, SecretKey key, String realmId, String attribute, String plain) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(associated(kid, realmId, attribute));
            return SEALED_PREFIX + String.join(".", b64(kid.getBytes(StandardCharsets.UTF_8)), b64(iv),
                    b64(cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the face engine's API key could not be sealed: " + e.getClass().getSimpleName());
        }
    }

    static Optional<String> open(SecretKey key, String realmId, String attribute, String sealed) {
        String[] parts = sealed.startsWith(SEALED_PREFIX) ? sealed.substring(SEALED_PREFIX.length()).split("\\.") : new String[0];
        if (key == null || parts.length != 3) {
            return Optional.empty();
        }
        try {
            String kid = new String(unb64(parts[0]), StandardCharsets.UTF_8);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, unb64(parts[1])));
            cipher.updateAAD(associated(kid, realmId, attribute));
            return Optional.of(new String(cipher.doFinal(unb64(parts[2])), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] associated(String kid, String realmId, String attribute) {
        return ("sfo-face-engine-key|" + kid + "|" + realmId + "|" + attribute).getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unb64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }
}
