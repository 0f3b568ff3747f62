package org.entrasfo.broker.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The profile page's fields for the factors and the passkey settings, the same as the REST profile's {@code factors}
 * and {@code passkey}. Keys carry no dots: the admin console reads a dotted name as a nested form field.
 */
final class PasskeyPageFields {

    static final String FACTORS = "factors";
    static final String RP_ID = "passkeyRpId";
    static final String RP_NAME = "passkeyRpName";
    static final String USER_VERIFICATION = "passkeyUserVerification";
    static final String ATTESTATION = "passkeyAttestation";
    static final String RESIDENT_KEY = "passkeyResidentKey";
    static final String ALLOWED_AAGUIDS = "passkeyAllowedAaguids";
    static final String EXTRA_ORIGINS = "passkeyExtraOrigins";
    static final String SIGNATURE_ALGORITHMS = "passkeySignatureAlgorithms";
    static final String ATTACHMENT = "passkeyAuthenticatorAttachment";
    /** The REST profile's field names, as {@link TenantProfile#validate} names them, and this page's keys. */
    static final Map<String, String> REST_TO_PAGE = restToPage();

    private PasskeyPageFields() {
    }

    private static Map<String, String> restToPage() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : List.of(RP_ID, RP_NAME, USER_VERIFICATION, ATTESTATION, RESIDENT_KEY, ALLOWED_AAGUIDS, EXTRA_ORIGINS,
                SIGNATURE_ALGORITHMS, ATTACHMENT)) {
            String field = key.substring("passkey".length());
            names.put("passkey." + Character.toLowerCase(field.charAt(0)) + field.substring(1), key);
        }
        return Map.copyOf(names);
    }

    /** Options are listed with the default first, so a form that preselects the first option preselects the default. */
    static List<ProviderConfigProperty> properties(List<String> factorIds) {
        String policy = " Saving with any passkey setting sets the realm's whole WebAuthn policy (Authentication, Policies, "
                + "WebAuthn Policy); with none, that policy stays as an admin set it.";
        return ProviderConfigurationBuilder.create()
                .property().name(FACTORS).label("Factors").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(factorIds)
                .helpText("The second factors switched on in the realm's new flow (in the flow's own order); the others are in the "
                        + "flow, disabled. Empty: the factors on by default, as for a REST profile without factors. Applied when the flow is made; "
                        + "later, switch factors on and off in the flow.").add()
                .property().name(RP_ID).label("Passkeys: relying-party ID").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The host keys are bound to: Keycloak's host or a registrable suffix of it. Empty: the host Keycloak "
                        + "answers on." + policy).add()
                .property().name(RP_NAME).label("Passkeys: relying-party name").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The name the browser shows when a key is registered. Empty: the user-friendly name above, else the "
                        + "realm's name.").add()
                .property().name(USER_VERIFICATION).label("Passkeys: user verification").type(ProviderConfigProperty.LIST_TYPE)
                .options(ordered(PasskeySettings.DEFAULT_USER_VERIFICATION, "required", "discouraged"))
                .helpText("preferred (default), required (the key must check a PIN or fingerprint) or discouraged.").add()
                .property().name(ATTESTATION).label("Passkeys: attestation").type(ProviderConfigProperty.LIST_TYPE)
                .options(ordered(PasskeySettings.DEFAULT_ATTESTATION, "indirect", "direct"))
                .helpText("none (default), indirect or direct: Keycloak then checks the key's attestation against its trust "
                        + "store. Allowed AAGUIDs need indirect or direct.").add()
                .property().name(RESIDENT_KEY).label("Passkeys: resident key").type(ProviderConfigProperty.LIST_TYPE)
                .options(ordered(PasskeySettings.DEFAULT_RESIDENT_KEY, "required", "preferred"))
                .helpText("discouraged (default), required (the key keeps the credential: a passkey) or preferred.").add()
                .property().name(ALLOWED_AAGUIDS).label("Passkeys: allowed AAGUIDs").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Only keys of these models (GUIDs), for sites that accept only the keys they issued; needs attestation "
                        + "indirect or direct. Empty: any model.").add()
                .property().name(EXTRA_ORIGINS).label("Passkeys: extra origins").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Origins besides Keycloak's own an assertion may come from (https://host[:port] or "
                        + "android:apk-key-hash:...). Empty (default): none, any other origin is refused.").add()
                .property().name(SIGNATURE_ALGORITHMS).label("Passkeys: signature algorithms").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(PasskeySettings.SIGNATURE_ALGORITHMS)
                .helpText("The key algorithms registration accepts. Empty: ES256 and RS256, Keycloak's default.").add()
                .property().name(ATTACHMENT).label("Passkeys: authenticator attachment").type(ProviderConfigProperty.LIST_TYPE)
                .options(ordered(PasskeySettings.ANY_ATTACHMENT, "platform", "cross-platform"))
                .helpText("not specified (default: either), platform (built into the device) or cross-platform (a roaming "
                        + "security key).").add()
                .build();
    }

    private static List<String> ordered(String first, String... others) {
        List<String> options = new ArrayList<>(List.of(first));
        options.addAll(Arrays.asList(others));
        return options;
    }

    /** The chosen factors; none chosen: null, the product's default factors, as a REST profile without them. */
    static List<String> factors(MultivaluedHashMap<String, String> config) {
        List<String> factors = values(config, FACTORS);
        return factors.isEmpty() ? null : factors;
    }

    /** The passkey settings; no field filled in: null, and the realm's WebAuthn policy stays as it is. */
    static PasskeySettings passkey(MultivaluedHashMap<String, String> config) {
        PasskeySettings settings = new PasskeySettings();
        settings.rpId = single(config, RP_ID);
        settings.rpName = single(config, RP_NAME);
        settings.userVerification = single(config, USER_VERIFICATION);
        settings.attestation = single(config, ATTESTATION);
        settings.residentKey = single(config, RESIDENT_KEY);
        settings.allowedAaguids = nullIfEmpty(values(config, ALLOWED_AAGUIDS));
        settings.extraOrigins = nullIfEmpty(values(config, EXTRA_ORIGINS));
        settings.signatureAlgorithms = nullIfEmpty(values(config, SIGNATURE_ALGORITHMS));
        settings.authenticatorAttachment = single(config, ATTACHMENT);
        boolean any = settings.rpId != null || settings.rpName != null || settings.userVerification != null
                || settings.attestation != null || settings.residentKey != null || settings.allowedAaguids != null
                || settings.extraOrigins != null || settings.signatureAlgorithms != null || settings.authenticatorAttachment != null;
        return any ? settings : null;
    }

    /** The page's fields of a REST profile, so the page shows what the REST call set and saving it keeps that. */
    static MultivaluedHashMap<String, String> of(List<String> factors, PasskeySettings settings) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        if (factors != null && !factors.isEmpty()) {
            config.put(FACTORS, new ArrayList<>(factors));
        }
        if (settings != null) {
            config.putSingle(RP_ID, settings.effectiveRpId());
            config.putSingle(RP_NAME, settings.effectiveRpName());
            config.putSingle(USER_VERIFICATION, settings.effectiveUserVerification());
            config.putSingle(ATTESTATION, settings.effectiveAttestation());
            config.putSingle(RESIDENT_KEY, settings.effectiveResidentKey());
            config.put(ALLOWED_AAGUIDS, new ArrayList<>(settings.effectiveAaguids()));
            config.put(EXTRA_ORIGINS, new ArrayList<>(settings.effectiveExtraOrigins()));
            config.put(SIGNATURE_ALGORITHMS, new ArrayList<>(settings.effectiveSignatureAlgorithms()));
            config.putSingle(ATTACHMENT, settings.effectiveAuthenticatorAttachment());
        }
        return config;
    }

    private static String single(MultivaluedHashMap<String, String> config, String key) {
        String value = config.getFirst(key);
        return value == null || value.isBlank() ? null : value;
    }

    /** Every value, also when the console sends several in one, joined by "##" as it does for its own lists. */
    private static List<String> values(MultivaluedHashMap<String, String> config, String key) {
        List<String> values = new ArrayList<>();
        for (String value : config.getOrDefault(key, List.of())) {
            if (value != null) {
                Arrays.stream(value.split("##")).map(String::trim).filter(v -> !v.isEmpty()).forEach(values::add);
            }
        }
        return values;
    }

    private static <T> List<T> nullIfEmpty(List<T> values) {
        return values.isEmpty() ? null : values;
    }
}
