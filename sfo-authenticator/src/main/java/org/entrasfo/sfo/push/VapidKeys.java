package org.entrasfo.sfo.push;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.component.ComponentModel;
import org.keycloak.keys.GeneratedEcdsaKeyProviderFactory;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.RealmModel;

/**
 * The realm's VAPID key (RFC 8292) is one of its own keys: a passive {@code ecdsa-generated} key provider named
 * {@value #PROVIDER_NAME}, made on first use. Passive, so Keycloak never signs tokens with it; a realm key, so it is in
 * the database every node reads, and an admin sees and can replace it under Realm settings, Keys. Devices subscribe
 * with its public key, so replacing it means they subscribe again (the web app does on its next start).
 */
public final class VapidKeys {

    public static final String PROVIDER_NAME = "entra-sfo-push-vapid";

    /** Parsed keys by their stored form: a replaced key has another public key, so it is parsed anew. */
    private static final Map<String, KeyPair> PARSED = new ConcurrentHashMap<>();

    private VapidKeys() {
    }

    public static KeyPair of(RealmModel realm) {
        return find(realm).orElseGet(() -> {
            create(realm);
            return find(realm).orElseThrow(() -> new IllegalStateException("VAPID key provider holds no key"));
        });
    }

    /** Read from the provider's own configuration (the format Keycloak's generator writes), not a node's key cache. */
    private static Optional<KeyPair> find(RealmModel realm) {
        // The oldest provider of that name wins, should two nodes have made one at the same moment.
        return realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(component -> PROVIDER_NAME.equals(component.getName()))
                .min(Comparator.comparing(ComponentModel::getId))
                .flatMap(VapidKeys::keysOf);
    }

    private static Optional<KeyPair> keysOf(ComponentModel component) {
        String privateKey = component.get(GeneratedEcdsaKeyProviderFactory.ECDSA_PRIVATE_KEY_KEY);
        String publicKey = component.get(GeneratedEcdsaKeyProviderFactory.ECDSA_PUBLIC_KEY_KEY);
        if (privateKey == null || publicKey == null) {
            return Optional.empty();
        }
        KeyPair parsed = PARSED.get(component.getId() + ":" + publicKey);
        if (parsed != null) {
            return Optional.of(parsed);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            KeyPair keys = new KeyPair(factory.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(publicKey))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(privateKey))));
            PARSED.put(component.getId() + ":" + publicKey, keys);
            return Optional.of(keys);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void create(RealmModel realm) {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
        ComponentModel model = new ComponentModel();
        model.setName(PROVIDER_NAME);
        model.setParentId(realm.getId());
        model.setProviderId(GeneratedEcdsaKeyProviderFactory.ID);
        model.setProviderType(KeyProvider.class.getName());
        model.getConfig().putSingle("priority", "-100");
        model.getConfig().putSingle("enabled", "true");
        model.getConfig().putSingle("active", "false");
        model.getConfig().putSingle(GeneratedEcdsaKeyProviderFactory.ECDSA_ELLIPTIC_CURVE_KEY, "P-256");
        model.getConfig().putSingle(GeneratedEcdsaKeyProviderFactory.ECDSA_PRIVATE_KEY_KEY,
                Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        model.getConfig().putSingle(GeneratedEcdsaKeyProviderFactory.ECDSA_PUBLIC_KEY_KEY,
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        realm.addComponentModel(model);
    }
}
