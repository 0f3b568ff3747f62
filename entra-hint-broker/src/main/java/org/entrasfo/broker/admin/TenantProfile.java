package org.entrasfo.broker.admin;

import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.entrasfo.broker.EntraHintBrokerConfig;
import org.entrasfo.broker.hint.EntraAuthority;
import org.entrasfo.broker.hint.EntraCloud;
import org.entrasfo.broker.link.UnknownUserPolicy;

/**
 * A "Microsoft External Authentication" application profile: everything an admin states about one Entra tenant.
 * One realm serves one tenant; the Entra client of that realm is derived from the profile.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class TenantProfile {

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Printable, no spaces or URL syntax: what Entra's admin pastes and Keycloak stores as a client ID. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,254}");
    /** A theme's folder or jar entry name, as Keycloak lists them. */
    private static final Pattern THEME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern REALM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Keycloak keeps names in 255-character columns; PostgreSQL refuses NUL and unpaired surrogates in text. */
    static final int MAX_NAME_LENGTH = 255;

    public String realm;
    /** Shown to admins only. */
    public String name;
    /** Shown to users on the factor pages. */
    public String displayName;
    public String tenantId;
    public String cloud = EntraCloud.GLOBAL.name();
    public String appId;
    /** Defaults to the App ID, as Microsoft recommends. */
    public String clientId;
    public String unknownUser = UnknownUserPolicy.REFUSE.configValue();
    public Integer clockSkewSeconds;
    public Integer maxHintAgeSeconds;
    public Integer levelOfAuthentication;
    /**
     * The second factors enabled in a new realm's flow (the others are there, disabled); none named: the factors that are
     * on by default. Later changes are made in the flow.
     */
    public List<String> factors;
    /** The redirect URI Entra uses; must be the chosen cloud's. Empty: the cloud's. */
    public String redirectUri;
    /** The authentication flow the Entra client is bound to; empty: the realm's second-factor-only flow. */
    public String workflow;
    /** Tests and private clouds only. */
    public String authorityIssuerBaseUrl;
    public String authorityJwksUrl;
    /**
     * The realm's login theme; empty: the product's theme for a new realm, and an existing realm keeps its own. Named:
     * set on every call, so the page's field and the realm stay the same.
     */
    public String loginTheme;
    /** The organisation's logo on the sign-in pages (https or a small data:image); absent: unchanged, empty: removed. */
    public String brandLogo;
    /** The organisation's product colour (#rrggbb, AA with white text); absent: unchanged, empty: removed. */
    public String brandColour;
    /** The realm's WebAuthn policy for passkeys and security keys; absent: the realm's policy is left as it is. */
    public PasskeySettings passkey;
    /**
     * Settings a factor keeps per realm, by factor id, such as {@code {"sfo-face": {"faceEngineUrl": ...}}}; a factor or
     * setting left out stays as the realm has it, an empty value removes it. Secrets are write-only.
     */
    public Map<String, Map<String, String>> factorSettings;

    /** The profile as an admin event records it: every factor setting whose value is a secret shown as Keycloak shows one. */
    public TenantProfile withSecretsHidden(java.util.function.BiPredicate<String, String> isSecret) {
        TenantProfile copy = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(this, TenantProfile.class);
        if (copy.factorSettings != null) {
            Map<String, Map<String, String>> hidden = new java.util.LinkedHashMap<>();
            copy.factorSettings.forEach((factor, values) -> {
                Map<String, String> shown = new java.util.LinkedHashMap<>();
                if (values != null) {
                    values.forEach((name, value) -> shown.put(name, value != null && !value.isEmpty() && isSecret.test(factor, name)
                            ? org.entrasfo.factor.FactorRealmSettings.UNCHANGED_SECRET : value));
                }
                hidden.put(factor, shown);
            });
            copy.factorSettings = hidden;
        }
        return copy;
    }

    public String effectiveClientId() {
        return clientId == null || clientId.isBlank() ? appId : clientId.trim();
    }

    public EntraAuthority authority() {
        return EntraAuthority.of(EntraCloud.parse(cloud).orElseThrow(), authorityIssuerBaseUrl, authorityJwksUrl);
    }

    /** Every field problem at once, so the admin can fix the form in one go. */
    public List<FieldError> validate(Collection<String> deployedFactors) {
        List<FieldError> errors = new ArrayList<>();
        if (realm == null || !REALM_NAME.matcher(realm).matches()) {
            errors.add(new FieldError("realm", "A realm name of letters, digits, '.', '_' or '-' is required."));
        }
        if (tenantId == null || !GUID.matcher(tenantId.trim()).matches()) {
            errors.add(new FieldError("tenantId", "The Entra tenant ID must be a GUID."));
        }
        if (appId == null || !GUID.matcher(appId.trim()).matches()) {
            errors.add(new FieldError("appId", "The App ID must be a GUID."));
        }
        if (clientId != null && !clientId.isBlank() && !CLIENT_ID.matcher(clientId.trim()).matches()) {
            errors.add(new FieldError("clientId", "A Client ID of letters, digits, '.', '_', ':' or '-', at most 255 characters."));
        }
        // Beyond these bounds a stale or replayed hint would pass (contract 3.7, 3.8).
        bounded(errors, "clockSkewSeconds", clockSkewSeconds, 0, EntraHintBrokerConfig.MAX_CLOCK_SKEW_SECONDS);
        bounded(errors, "maxHintAgeSeconds", maxHintAgeSeconds, 30, EntraHintBrokerConfig.MAX_MAX_HINT_AGE_SECONDS);
        bounded(errors, "levelOfAuthentication", levelOfAuthentication, 1, EntraHintBrokerConfig.MAX_LEVEL_OF_AUTHENTICATION);
        if (EntraCloud.parse(cloud).isEmpty()) {
            errors.add(new FieldError("cloud", "Unknown cloud; use GLOBAL, US_GOVERNMENT or CHINA."));
        }
        try {
            UnknownUserPolicy.parse(unknownUser);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("unknownUser", "Use refuse, link-existing or create."));
        }
        if (redirectUri != null && !redirectUri.isBlank() && EntraCloud.parse(cloud).isPresent()
                && !redirectUri.trim().equals(EntraCloud.parse(cloud).get().authority().redirectUri())) {
            errors.add(new FieldError("redirectUri", "Entra of this cloud answers only at "
                    + EntraCloud.parse(cloud).get().authority().redirectUri() + "."));
        }
        if (loginTheme != null && !loginTheme.isBlank() && !THEME_NAME.matcher(loginTheme.trim()).matches()) {
            errors.add(new FieldError("loginTheme", "A theme name of letters, digits, '.', '_' or '-', at most 100 characters."));
        }
        Branding.checkLogo(errors, "brandLogo", brandLogo);
        Branding.checkColour(errors, "brandColour", brandColour);
        for (String[] text : new String[][] {{"name", name}, {"displayName", displayName}, {"workflow", workflow}}) {
            if (!printable(text[1])) {
                errors.add(new FieldError(text[0], "At most " + MAX_NAME_LENGTH + " printable characters."));
            }
        }
        // "factors": [null] reaches here as a null element, which List.contains refuses with an exception.
        if (factors != null && (factors.isEmpty()
                || !factors.stream().allMatch(factor -> factor != null && deployedFactors.contains(factor)))) {
            errors.add(new FieldError("factors", "Choose one or more of " + String.join(", ", deployedFactors) + "."));
        }
        if (passkey != null) {
            passkey.validate(errors);
        }
        if (EntraCloud.parse(cloud).isPresent()) {
            try {
                authority();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("authorityIssuerBaseUrl", e.getMessage()));
            }
        }
        return errors;
    }

    private static void bounded(List<FieldError> errors, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "Between " + min + " and " + max + "."));
        }
    }

    /** Up to {@link #MAX_NAME_LENGTH} characters without control characters or unpaired surrogates. */
    public static boolean printableText(String value) {
        return printable(value);
    }

    /** Absent, or up to {@link #MAX_NAME_LENGTH} characters without control characters or unpaired surrogates. */
    static boolean printable(String value) {
        if (value == null) {
            return true;
        }
        if (value.length() > MAX_NAME_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public record FieldError(String field, String message) {
    }
}
