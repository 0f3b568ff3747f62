package org.entrasfo.broker.admin;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The realm's WebAuthn policy for passkeys and security keys, as the profile states it. Absent fields take the
 * documented defaults: the relying-party ID is the host Keycloak answers on, user verification {@code preferred},
 * attestation {@code none}, resident keys {@code discouraged} (the user is known before the key is asked, and a key's
 * slots for resident credentials are few), any authenticator model (no AAGUID list).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class PasskeySettings {

    public static final String DEFAULT_USER_VERIFICATION = "preferred";
    public static final String DEFAULT_ATTESTATION = "none";
    public static final String DEFAULT_RESIDENT_KEY = "discouraged";
    static final Set<String> USER_VERIFICATION = Set.of("required", "preferred", "discouraged");
    static final Set<String> RESIDENT_KEY = Set.of("required", "preferred", "discouraged");
    static final Set<String> ATTESTATION = Set.of("none", "indirect", "direct");
    static final int MAX_AAGUIDS = 100;
    private static final Pattern HOST = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The relying-party ID: Keycloak's host or a registrable suffix of it; empty: the host Keycloak answers on. */
    public String rpId;
    /** required, preferred or discouraged. */
    public String userVerification;
    /** none, indirect or direct. */
    public String attestation;
    /** required (passkeys that also name the user), preferred or discouraged. */
    public String residentKey;
    /** Only keys of these models (sites that accept only the keys they issued); empty: any. */
    public List<String> allowedAaguids;

    public String effectiveRpId() {
        return rpId == null ? "" : rpId.trim().toLowerCase(Locale.ROOT);
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

    void validate(List<TenantProfile.FieldError> errors) {
        if (!effectiveRpId().isEmpty() && !HOST.matcher(effectiveRpId()).matches()) {
            errors.add(new TenantProfile.FieldError("passkey.rpId", "A host name such as login.example.org, without scheme or port."));
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
        if (allowedAaguids != null && (allowedAaguids.size() > MAX_AAGUIDS
                || !allowedAaguids.stream().allMatch(a -> a != null && GUID.matcher(a.trim().toLowerCase(Locale.ROOT)).matches()))) {
            errors.add(new TenantProfile.FieldError("passkey.allowedAaguids", "At most " + MAX_AAGUIDS + " AAGUIDs, each a GUID."));
        }
    }
}
