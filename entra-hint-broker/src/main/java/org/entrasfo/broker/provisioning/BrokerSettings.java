package org.entrasfo.broker.provisioning;

import java.util.HashMap;
import java.util.Map;

import org.entrasfo.broker.EntraHintBrokerConfig;
import org.entrasfo.broker.admin.TenantProfile;

/** The hint step's configuration a profile stands for: what Entra must have signed, and how unknown users are treated. */
public final class BrokerSettings {

    private BrokerSettings() {
    }

    public static Map<String, String> of(TenantProfile profile) {
        Map<String, String> settings = new HashMap<>();
        settings.put(EntraHintBrokerConfig.TENANT_ID, profile.tenantId.trim());
        settings.put(EntraHintBrokerConfig.CLOUD, profile.cloud.trim());
        settings.put(EntraHintBrokerConfig.APP_IDS, profile.appId.trim());
        settings.put(EntraHintBrokerConfig.UNKNOWN_USER, profile.unknownUser == null ? "refuse" : profile.unknownUser.trim());
        putIfSet(settings, EntraHintBrokerConfig.CLOCK_SKEW_SECONDS, profile.clockSkewSeconds);
        putIfSet(settings, EntraHintBrokerConfig.MAX_HINT_AGE_SECONDS, profile.maxHintAgeSeconds);
        putIfSet(settings, EntraHintBrokerConfig.LEVEL_OF_AUTHENTICATION, profile.levelOfAuthentication);
        putIfSet(settings, EntraHintBrokerConfig.AUTHORITY_ISSUER_BASE_URL, profile.authorityIssuerBaseUrl);
        putIfSet(settings, EntraHintBrokerConfig.AUTHORITY_JWKS_URL, profile.authorityJwksUrl);
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            settings.put(key, value.toString().trim());
        }
    }
}
