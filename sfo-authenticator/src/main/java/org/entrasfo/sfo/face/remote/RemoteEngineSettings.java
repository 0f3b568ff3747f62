package org.entrasfo.sfo.face.remote;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.entrasfo.sfo.face.FaceMatchPolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Where a realm's face engine is and how to call it: the built-in face service or a site's CompreFace, both reached
 * through the same API. Read from realm attributes an admin sets through provisioning or the admin page
 * ({@link FaceEngineRealmSettings}); the API key is a secret of the realm: it rests sealed or in Keycloak's vault, and
 * never appears in {@link #toString()}, a log or an event.
 *
 * @param baseUrl  the engine's root, such as {@code http://127.0.0.1:8091}; only http and https
 * @param apiKey   the key sent as {@code x-api-key} (CompreFace: the key of a detection service; the verification
 *                 call uses {@code verificationKey})
 * @param verificationKey the key of CompreFace's verification service, the same as {@code apiKey} for the built-in one
 * @param engineId stored with each template, so a template is only compared by the engine (model) that made it
 */
public record RemoteEngineSettings(URI baseUrl, String apiKey, String verificationKey, String engineId) {

    public static final String BASE_URL = "sfoFaceEngineUrl";
    public static final String API_KEY = "sfoFaceEngineApiKey";
    public static final String VERIFICATION_KEY = "sfoFaceEngineVerificationApiKey";
    public static final String ENGINE_ID = "sfoFaceEngineId";
    /** The built-in engine's id: Human's FaceRes embedding (docs/face-engine.md). */
    public static final String BUILT_IN_ENGINE_ID = "face-service/human-faceres";

    public static final String KIND = "sfoFaceEngineKind";
    public static final String MATCH_THRESHOLD = "sfoFaceMatchThreshold";

    public RemoteEngineSettings {
        checkUrl(baseUrl).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (apiKey == null || apiKey.isBlank() || verificationKey == null || verificationKey.isBlank()) {
            throw new IllegalArgumentException("the face engine needs an API key");
        }
        if (engineId == null || engineId.isBlank() || engineId.length() > 100) {
            throw new IllegalArgumentException("the face engine id must be 1..100 characters");
        }
    }

    /** Why {@code url} cannot be an engine's root, or empty when it can: http(s), a host, no query, fragment or user. */
    public static Optional<String> checkUrl(URI url) {
        if (url == null || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            return Optional.of("the face engine URL must be http(s)://host[:port][/path]");
        }
        return Optional.empty();
    }

    /**
     * The realm's settings, or empty when the admin has not set both the URL and a key that opens (the factor is then
     * off). Keys rest sealed or as vault references ({@link EngineApiKeys}); the engine id defaults to the kind's.
     */
    public static Optional<RemoteEngineSettings> of(KeycloakSession session, RealmModel realm) {
        String url = trimmed(realm.getAttribute(BASE_URL));
        Optional<String> key = EngineApiKeys.resolve(session, realm, API_KEY, realm.getAttribute(API_KEY));
        Optional<EngineKind> kind = EngineKind.parse(realm.getAttribute(KIND));
        if (url == null || key.isEmpty() || kind.isEmpty()) {
            return Optional.empty();
        }
        String verification = EngineApiKeys.resolve(session, realm, VERIFICATION_KEY, realm.getAttribute(VERIFICATION_KEY)).orElse(key.get());
        String id = trimmed(realm.getAttribute(ENGINE_ID));
        try {
            return Optional.of(new RemoteEngineSettings(URI.create(url), key.get(), verification,
                    id == null ? kind.get().defaultEngineId() : id.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The realm's match policy: its engine kind's, with the admin's threshold when it lies within the kind's range. */
    public static FaceMatchPolicy policyOf(RealmModel realm) {
        return EngineKind.parse(realm.getAttribute(KIND)).orElse(EngineKind.BUILT_IN).policyWith(realm.getAttribute(MATCH_THRESHOLD));
    }

    /** A path of the engine's API under the base URL. */
    URI resolve(String pathAndQuery) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + pathAndQuery);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        // Never the keys.
        return "RemoteEngineSettings[" + baseUrl + ", " + engineId + "]";
    }
}
