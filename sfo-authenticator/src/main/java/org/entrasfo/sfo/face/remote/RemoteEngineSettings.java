package org.entrasfo.sfo.face.remote;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.keycloak.models.RealmModel;

/**
 * Where a realm's face engine is and how to call it: the built-in face service or a site's CompreFace, both reached
 * through the same API. Read from realm attributes an admin sets; the API key is a secret of the realm and never
 * appears in {@link #toString()}, a log or an event.
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

    public RemoteEngineSettings {
        if (baseUrl == null || baseUrl.getHost() == null
                || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the face engine URL must be http(s)://host[:port][/path]");
        }
        if (apiKey == null || apiKey.isBlank() || verificationKey == null || verificationKey.isBlank()) {
            throw new IllegalArgumentException("the face engine needs an API key");
        }
        if (engineId == null || engineId.isBlank() || engineId.length() > 100) {
            throw new IllegalArgumentException("the face engine id must be 1..100 characters");
        }
    }

    /** The realm's settings, or empty when the admin has not set both the URL and the key (the factor is then off). */
    public static Optional<RemoteEngineSettings> of(RealmModel realm) {
        String url = trimmed(realm.getAttribute(BASE_URL));
        String key = trimmed(realm.getAttribute(API_KEY));
        if (url == null || key == null) {
            return Optional.empty();
        }
        String verification = trimmed(realm.getAttribute(VERIFICATION_KEY));
        String id = trimmed(realm.getAttribute(ENGINE_ID));
        try {
            return Optional.of(new RemoteEngineSettings(URI.create(url), key, verification == null ? key : verification,
                    id == null ? BUILT_IN_ENGINE_ID : id.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
