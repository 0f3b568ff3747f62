package org.entrasfo.broker;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.entrasfo.broker.hint.EntraAuthority;
import org.entrasfo.broker.hint.EntraCloud;
import org.entrasfo.broker.hint.HintPolicy;
import org.entrasfo.broker.link.UnknownUserPolicy;
import org.keycloak.models.AuthenticatorConfigModel;

/**
 * The hint broker's per-realm settings, read once from the execution's config with a safe default for every key, so
 * an execution without config refuses cleanly instead of failing on a null.
 */
public final class EntraHintBrokerConfig {

    public static final String TENANT_ID = "tenantId";
    public static final String CLOUD = "cloud";
    public static final String APP_IDS = "appIds";
    public static final String CLOCK_SKEW_SECONDS = "clockSkewSeconds";
    public static final String MAX_HINT_AGE_SECONDS = "maxHintAgeSeconds";
    public static final String UNKNOWN_USER = "unknownUser";
    public static final String LINK_ATTRIBUTE = "linkAttribute";
    public static final String LEVEL_OF_AUTHENTICATION = "levelOfAuthentication";
    public static final String AUTHORITY_ISSUER_BASE_URL = "authorityIssuerBaseUrl";
    public static final String AUTHORITY_JWKS_URL = "authorityJwksUrl";

    static final int DEFAULT_CLOCK_SKEW_SECONDS = 120;
    static final int DEFAULT_MAX_HINT_AGE_SECONDS = 600;
    static final int DEFAULT_LEVEL_OF_AUTHENTICATION = 2;

    private final Map<String, String> values;

    private EntraHintBrokerConfig(Map<String, String> values) {
        this.values = values == null ? Map.of() : values;
    }

    public static EntraHintBrokerConfig of(AuthenticatorConfigModel model) {
        return new EntraHintBrokerConfig(model == null ? null : model.getConfig());
    }

    public static EntraHintBrokerConfig of(Map<String, String> values) {
        return new EntraHintBrokerConfig(values);
    }

    public Optional<String> tenantId() {
        return text(TENANT_ID);
    }

    public EntraCloud cloud() {
        return text(CLOUD).flatMap(EntraCloud::parse).orElse(EntraCloud.GLOBAL);
    }

    public EntraAuthority authority() {
        return EntraAuthority.of(cloud(), values.get(AUTHORITY_ISSUER_BASE_URL), values.get(AUTHORITY_JWKS_URL));
    }

    /** The App IDs accepted as the hint's aud; empty means the Client ID of the request (the recommended set-up). */
    public List<String> appIds() {
        return text(APP_IDS)
                .map(v -> Arrays.stream(v.split("[,\\s#]+")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Bounded, so no setting switches a rule off: a day of skew or a hint age of years would accept any old hint. */
    public static final int MAX_CLOCK_SKEW_SECONDS = 600;
    public static final int MAX_MAX_HINT_AGE_SECONDS = 3600;
    public static final int MAX_LEVEL_OF_AUTHENTICATION = 100;

    public Duration clockSkew() {
        return Duration.ofSeconds(Math.min(MAX_CLOCK_SKEW_SECONDS, positiveInt(CLOCK_SKEW_SECONDS, DEFAULT_CLOCK_SKEW_SECONDS)));
    }

    public Duration maxHintAge() {
        return Duration.ofSeconds(Math.min(MAX_MAX_HINT_AGE_SECONDS, positiveInt(MAX_HINT_AGE_SECONDS, DEFAULT_MAX_HINT_AGE_SECONDS)));
    }

    public UnknownUserPolicy unknownUserPolicy() {
        try {
            return UnknownUserPolicy.parse(values.get(UNKNOWN_USER));
        } catch (IllegalArgumentException e) {
            return UnknownUserPolicy.REFUSE;
        }
    }

    /** The admin-only user attribute {@code link-existing} may also match preferred_username against; none by default. */
    public Optional<String> linkAttribute() {
        return text(LINK_ATTRIBUTE);
    }

    public int levelOfAuthentication() {
        return Math.min(MAX_LEVEL_OF_AUTHENTICATION, positiveInt(LEVEL_OF_AUTHENTICATION, DEFAULT_LEVEL_OF_AUTHENTICATION));
    }

    public HintPolicy hintPolicy(String tenantId, String requestClientId) {
        List<String> audiences = appIds().isEmpty() ? List.of(requestClientId) : appIds();
        return new HintPolicy(tenantId, authority(), audiences, clockSkew(), maxHintAge());
    }

    private Optional<String> text(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private int positiveInt(String key, int fallback) {
        try {
            int value = Integer.parseInt(values.getOrDefault(key, "").trim());
            return value >= 0 ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
