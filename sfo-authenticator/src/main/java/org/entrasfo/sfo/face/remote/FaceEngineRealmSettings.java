package org.entrasfo.sfo.face.remote;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.entrasfo.factor.FactorRealmSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The face engine of a tenant realm as the provisioning call and the admin page set it: where the engine answers,
 * which kind it is (which chooses the similarity scale and its default threshold), its API keys and an optional
 * threshold within the kind's range. Stored in the realm attributes {@link RemoteEngineSettings} reads; the keys are
 * write-only (sealed or vault references, shown as {@link #UNCHANGED_SECRET}), as Keycloak treats its own secrets.
 */
public final class FaceEngineRealmSettings implements FactorRealmSettings {

    public static final String URL = "faceEngineUrl";
    public static final String KIND = "faceEngineKind";
    public static final String API_KEY = "faceEngineApiKey";
    public static final String VERIFICATION_API_KEY = "faceEngineVerificationApiKey";
    public static final String ENGINE_ID = "faceEngineId";
    public static final String MATCH_THRESHOLD = "faceMatchThreshold";

    /** Page and REST names to the realm attributes, in the page's order. */
    static final Map<String, String> ATTRIBUTES = attributes();
    private static final List<String> SECRETS = List.of(API_KEY, VERIFICATION_API_KEY);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,512}");
    private static final Pattern ENGINE_ID_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,99}");

    private static Map<String, String> attributes() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(URL, RemoteEngineSettings.BASE_URL);
        names.put(KIND, RemoteEngineSettings.KIND);
        names.put(API_KEY, RemoteEngineSettings.API_KEY);
        names.put(VERIFICATION_API_KEY, RemoteEngineSettings.VERIFICATION_KEY);
        names.put(ENGINE_ID, RemoteEngineSettings.ENGINE_ID);
        names.put(MATCH_THRESHOLD, RemoteEngineSettings.MATCH_THRESHOLD);
        return java.util.Collections.unmodifiableMap(names);
    }

    @Override
    public List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(URL).label("Face: engine URL").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Where the face factor's engine answers, http(s)://host[:port]: the built-in face service shipped in "
                        + "deploy/face-service, or the site's CompreFace. Empty: the face factor serves nobody. Face resists another "
                        + "person's face, a photo held to the camera and a replayed capture; it does NOT resist one photo of the user "
                        + "rendered into the head turns (free tools do it), a video made to follow them, a real-time deepfake fed as a "
                        + "camera, a twin or close relative, or a 3D mask. A face never allows adding or replacing a factor.").add()
                .property().name(KIND).label("Face: engine kind").type(ProviderConfigProperty.LIST_TYPE)
                .options(EngineKind.BUILT_IN.value(), EngineKind.COMPREFACE.value()).defaultValue(EngineKind.BUILT_IN.value())
                .helpText("built-in (the shipped face service: threshold 0.70, measured) or compreface (CompreFace's calibrated "
                        + "similarity: threshold 0.85, above the 0.5 its documentation names as the boundary).").add()
                .property().name(API_KEY).label("Face: API key").type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("The key the engine expects in x-api-key (CompreFace: the detection service's key). Stored sealed under "
                        + "the realm's AES key and never shown again; or a vault reference such as ${vault.face_engine_key}.").add()
                .property().name(VERIFICATION_API_KEY).label("Face: verification API key").type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("CompreFace only: the verification service's key. Empty: the API key above.").add()
                .property().name(ENGINE_ID).label("Face: engine id").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Stored with each enrolled face; a face is compared only by the engine (model) that made it, so change it "
                        + "when the model changes and users enrol again. Empty: the kind's own.").add()
                .property().name(MATCH_THRESHOLD).label("Face: match threshold").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional: the similarity the frontal frames must reach, between " + EngineKind.BUILT_IN.lowestThreshold()
                        + " and " + EngineKind.BUILT_IN.highestThreshold() + " for built-in, " + EngineKind.COMPREFACE.lowestThreshold()
                        + " and " + EngineKind.COMPREFACE.highestThreshold() + " for compreface. Higher refuses more strangers and "
                        + "more of the user's own poor captures. Empty: the kind's default.").add()
                .build();
    }

    @Override
    public List<Problem> check(KeycloakSession session, RealmModel realm, Map<String, String> values) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> effective = effective(realm, values);
        String url = effective.get(URL);
        if (url != null) {
            try {
                RemoteEngineSettings.checkUrl(URI.create(url)).ifPresent(p -> problems.add(new Problem(URL, "An http or https address such as "
                        + "http://127.0.0.1:8091, without query, fragment or user name.")));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(URL, "An http or https address such as http://127.0.0.1:8091, without query, fragment or user name."));
            }
        }
        Optional<EngineKind> kind = EngineKind.parse(effective.get(KIND));
        if (kind.isEmpty()) {
            problems.add(new Problem(KIND, "Use built-in or compreface."));
        }
        for (String secret : SECRETS) {
            String value = values.get(secret);
            boolean keepsStored = UNCHANGED_SECRET.equals(value);
            if (value != null && !value.isBlank() && !keepsStored && !KEY.matcher(value.trim()).matches()) {
                problems.add(new Problem(secret, "At most 512 printable characters without spaces, or a vault reference ${vault.name}."));
            }
        }
        if (url != null && effective.get(API_KEY) == null) {
            problems.add(new Problem(API_KEY, "The face engine needs its API key."));
        }
        if (url == null && effective.get(API_KEY) != null) {
            problems.add(new Problem(URL, "An API key without an engine URL serves nobody; give the URL or remove the key."));
        }
        String engineId = effective.get(ENGINE_ID);
        if (engineId != null && !ENGINE_ID_FORM.matcher(engineId).matches()) {
            problems.add(new Problem(ENGINE_ID, "At most 100 letters, digits, '.', '_', '/' or '-'."));
        }
        String threshold = effective.get(MATCH_THRESHOLD);
        if (threshold != null && kind.isPresent()) {
            Optional<Double> parsed = EngineKind.parseThreshold(threshold);
            if (parsed.isEmpty() || !kind.get().allows(parsed.get())) {
                problems.add(new Problem(MATCH_THRESHOLD, "For the " + kind.get().value() + " engine a number between "
                        + kind.get().lowestThreshold() + " and " + kind.get().highestThreshold() + ", or empty for "
                        + kind.get().policy().matchThreshold() + "."));
            }
        }
        return problems;
    }

    @Override
    public void apply(KeycloakSession session, RealmModel realm, Map<String, String> values) {
        ATTRIBUTES.forEach((name, attribute) -> {
            String value = values.get(name);
            if (value == null || (SECRETS.contains(name) && UNCHANGED_SECRET.equals(value))) {
                return;
            }
            if (value.isBlank()) {
                realm.removeAttribute(attribute);
            } else if (SECRETS.contains(name)) {
                realm.setAttribute(attribute, EngineApiKeys.toStored(session, realm, attribute, value));
            } else {
                realm.setAttribute(attribute, KIND.equals(name) ? value.trim().toLowerCase(Locale.ROOT) : value.trim());
            }
        });
    }

    @Override
    public Map<String, String> shown(KeycloakSession session, RealmModel realm) {
        Map<String, String> shown = new LinkedHashMap<>();
        ATTRIBUTES.forEach((name, attribute) -> {
            String stored = realm.getAttribute(attribute);
            if (stored != null && !stored.isBlank()) {
                // A vault reference names where the key is, not the key: Keycloak shows those too.
                shown.put(name, SECRETS.contains(name) && !EngineApiKeys.isVaultReference(stored) ? UNCHANGED_SECRET : stored);
            }
        });
        return shown;
    }

    /** Keys the face factor cannot use as stored: written as plain text, or sealed or named so that they do not open. */
    @Override
    public List<Problem> storedProblems(KeycloakSession session, RealmModel realm) {
        List<Problem> problems = new ArrayList<>();
        for (String name : SECRETS) {
            String attribute = ATTRIBUTES.get(name);
            String stored = realm.getAttribute(attribute);
            if (EngineApiKeys.isPlain(stored)) {
                problems.add(new Problem(name, "The realm attribute " + attribute + " holds the key as plain text, which "
                        + "view-realm admins and Keycloak's admin events show, so the face factor does not use it. Give the key "
                        + "through the provisioning call or the admin page (it is stored sealed) and have the engine's key changed."));
            } else if (stored != null && !stored.isBlank() && EngineApiKeys.resolve(session, realm, attribute, stored).isEmpty()) {
                problems.add(new Problem(name, "The key in " + attribute + " does not open (the realm key that sealed it is gone, "
                        + "it was copied from another realm, or its vault entry is missing), so the face factor serves nobody. "
                        + "Give the key again through the provisioning call or the admin page."));
            }
        }
        if (realm.getAttribute(RemoteEngineSettings.BASE_URL) != null && realm.getAttribute(RemoteEngineSettings.API_KEY) == null) {
            problems.add(new Problem(API_KEY, "An engine URL without an API key: the face factor serves nobody. Give the key."));
        }
        return problems;
    }

    /** The realm's values with the given ones over them: what the realm holds once they are applied (secrets: whether set). */
    private static Map<String, String> effective(RealmModel realm, Map<String, String> values) {
        Map<String, String> effective = new LinkedHashMap<>();
        ATTRIBUTES.forEach((name, attribute) -> {
            String given = values.get(name);
            String value = given == null || (SECRETS.contains(name) && UNCHANGED_SECRET.equals(given))
                    ? (realm == null ? null : realm.getAttribute(attribute)) : given;
            if (value != null && !value.isBlank()) {
                effective.put(name, value.trim());
            }
        });
        return effective;
    }
}
