package org.entrasfo.broker.admin;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The realm's WebAuthn policy for passkeys and security keys, as the profile states it. Absent fields take the
 * documented defaults: the relying-party ID is the host Keycloak answers on, its display name the profile's
 * user-friendly name (else the realm's name), user verification {@code preferred}, attestation {@code none}, resident
 * keys {@code discouraged} (the user is known before the key is asked, and a key's slots for resident credentials are
 * few), any authenticator model (no AAGUID list), no extra origins (an assertion comes only from Keycloak's own origin),
 * Keycloak's default signature algorithms ES256 and RS256, and any authenticator attachment.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class PasskeySettings {

    public static final String DEFAULT_USER_VERIFICATION = "preferred";
    public static final String DEFAULT_ATTESTATION = "none";
    public static final String DEFAULT_RESIDENT_KEY = "discouraged";
    /** Keycloak's own words for "any attachment", as its policy stores it. */
    public static final String ANY_ATTACHMENT = "not specified";
    public static final List<String> DEFAULT_SIGNATURE_ALGORITHMS = List.of("ES256", "RS256");
    static final Set<String> USER_VERIFICATION = Set.of("required", "preferred", "discouraged");
    static final Set<String> RESIDENT_KEY = Set.of("required", "preferred", "discouraged");
    static final Set<String> ATTESTATION = Set.of("none", "indirect", "direct");
    static final Set<String> ATTACHMENT = Set.of(ANY_ATTACHMENT, "platform", "cross-platform");
    /** What Keycloak's registration can ask a key for; RS1 (SHA-1) is left out on purpose. */
    static final List<String> SIGNATURE_ALGORITHMS = List.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "Ed25519");
    static final int MAX_AAGUIDS = 100;
    static final int MAX_EXTRA_ORIGINS = 20;
    private static final String LABELS = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";
    private static final Pattern HOST = Pattern.compile("(?=.{1,253}$)" + LABELS);
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** A web origin over https (no path), or an Android app's origin as Keycloak's policy accepts it. */
    private static final Pattern ORIGIN = Pattern.compile("https://" + LABELS + "(:[0-9]{1,5})?|android:apk-key-hash:[A-Za-z0-9_-]{20,100}");

    /** The relying-party ID: Keycloak's host or a registrable suffix of it; empty: the host Keycloak answers on. */
    public String rpId;
    /** The relying party's name the browser shows when a key is registered; empty: the profile's user-friendly name. */
    public String rpName;
    /** required, preferred or discouraged. */
    public String userVerification;
    /** none, indirect or direct. */
    public String attestation;
    /** required (passkeys that also name the user), preferred or discouraged. */
    public String residentKey;
    /** Only keys of these models (sites that accept only the keys they issued); empty: any. Needs attestation. */
    public List<String> allowedAaguids;
    /** Origins besides Keycloak's own an assertion may come from; empty: none. */
    public List<String> extraOrigins;
    /** The key algorithms registration accepts; empty: ES256 and RS256. */
    public List<String> signatureAlgorithms;
    /** platform (built into the device), cross-platform (a roaming key) or not specified (either). */
    public String authenticatorAttachment;

    public String effectiveRpId() {
        return rpId == null ? "" : rpId.trim().toLowerCase(Locale.ROOT);
    }

    /** Empty when the profile names none: provisioning then takes the profile's user-friendly name. */
    public String effectiveRpName() {
        return rpName == null ? "" : rpName.trim();
    }

    public String effectiveUserVerification() {
        return userVerification == null || userVerification.isBlank() ? DEFAULT_USER_VERIFICATION : userVerification.trim().toLowerCase(Locale.ROOT);
    }

    public String effectiveAttestation() {
        return attestation == null || attestation.isBlank() ? DEFAULT_ATTESTATION : attestation.trim().toLowerCase(Locale.ROOT);
    }

    public String effectiveResidentKey() {
        return residentKey == null || residentKey.isBlank() ? DEFAULT_RESIDENT_KEY : residentKey.trim().toLowerCase(Locale.ROOT);
    }

    public List<String> effectiveAaguids() {
        return allowedAaguids == null ? List.of() : allowedAaguids.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    public List<String> effectiveExtraOrigins() {
        return extraOrigins == null ? List.of() : extraOrigins.stream().map(String::trim).distinct().toList();
    }

    public List<String> effectiveSignatureAlgorithms() {
        return signatureAlgorithms == null || signatureAlgorithms.isEmpty() ? DEFAULT_SIGNATURE_ALGORITHMS
                : signatureAlgorithms.stream().map(String::trim).distinct().toList();
    }

    public String effectiveAuthenticatorAttachment() {
        return authenticatorAttachment == null || authenticatorAttachment.isBlank() ? ANY_ATTACHMENT
                : authenticatorAttachment.trim().toLowerCase(Locale.ROOT);
    }

    void validate(List<TenantProfile.FieldError> errors) {
        if (!effectiveRpId().isEmpty() && !HOST.matcher(effectiveRpId()).matches()) {
            errors.add(new TenantProfile.FieldError("passkey.rpId", "A host name such as login.example.org, without scheme or port."));
        }
        if (!TenantProfile.printable(rpName)) {
            errors.add(new TenantProfile.FieldError("passkey.rpName", "At most " + TenantProfile.MAX_NAME_LENGTH + " printable characters."));
        }
        if (!USER_VERIFICATION.contains(effectiveUserVerification())) {
            errors.add(new TenantProfile.FieldError("passkey.userVerification", "Use required, preferred or discouraged."));
        }
        if (!RESIDENT_KEY.contains(effectiveResidentKey())) {
            errors.add(new TenantProfile.FieldError("passkey.residentKey", "Use required, preferred or discouraged."));
        }
        if (!ATTESTATION.contains(effectiveAttestation())) {
            errors.add(new TenantProfile.FieldError("passkey.attestation", "Use none, indirect or direct."));
        }
        boolean aaguidsValid = allowedAaguids == null || (allowedAaguids.size() <= MAX_AAGUIDS
                && allowedAaguids.stream().allMatch(a -> a != null && GUID.matcher(a.trim().toLowerCase(Locale.ROOT)).matches()));
        if (!aaguidsValid) {
            errors.add(new TenantProfile.FieldError("passkey.allowedAaguids", "At most " + MAX_AAGUIDS + " AAGUIDs, each a GUID."));
        } else if (!effectiveAaguids().isEmpty() && DEFAULT_ATTESTATION.equals(effectiveAttestation())) {
            // A key's model is proven only by its attestation; Keycloak refuses every registration of such a realm.
            errors.add(new TenantProfile.FieldError("passkey.attestation", "Allowed AAGUIDs need attestation indirect or direct: "
                    + "with none a key's model is not proven and Keycloak refuses every registration."));
        }
        if (extraOrigins != null && (extraOrigins.size() > MAX_EXTRA_ORIGINS
                || !extraOrigins.stream().allMatch(o -> o != null && ORIGIN.matcher(o.trim()).matches()))) {
            errors.add(new TenantProfile.FieldError("passkey.extraOrigins", "At most " + MAX_EXTRA_ORIGINS
                    + " origins, each https://host[:port] without a path, or android:apk-key-hash:<hash>."));
        }
        if (signatureAlgorithms != null && !signatureAlgorithms.stream().allMatch(a -> a != null && SIGNATURE_ALGORITHMS.contains(a.trim()))) {
            errors.add(new TenantProfile.FieldError("passkey.signatureAlgorithms", "Choose from " + String.join(", ", SIGNATURE_ALGORITHMS) + "."));
        }
        if (!ATTACHMENT.contains(effectiveAuthenticatorAttachment())) {
            errors.add(new TenantProfile.FieldError("passkey.authenticatorAttachment", "Use platform, cross-platform or not specified."));
        }
    }
}
