package org.entrasfo.sfo.helpdesk;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * What the realm lets a help desk code be: how long it may stay valid and how many sign-ins it may serve. A code is a
 * bearer secret read out over the phone, so the realm (the help desk factor's execution config), not the operator,
 * sets the ceiling, and the ceiling itself is bounded.
 */
public record HelpdeskCodeLimits(Duration maxValidity, int maxUses) {

    public static final String MAX_VALIDITY_MINUTES = "maxValidityMinutes";
    public static final String MAX_USES_PER_CODE = "maxUsesPerCode";

    static final int DEFAULT_MAX_VALIDITY_MINUTES = 8 * 60;
    static final int CEILING_VALIDITY_MINUTES = 7 * 24 * 60;
    static final int DEFAULT_MAX_USES = 1;
    static final int CEILING_USES = 10;

    public static final HelpdeskCodeLimits DEFAULTS =
            new HelpdeskCodeLimits(Duration.ofMinutes(DEFAULT_MAX_VALIDITY_MINUTES), DEFAULT_MAX_USES);

    public HelpdeskCodeLimits {
        Objects.requireNonNull(maxValidity, "maxValidity");
    }

    public static HelpdeskCodeLimits of(AuthenticatorConfigModel config) {
        return of(config == null ? null : config.getConfig());
    }

    /** Missing or unreadable values take the default; values beyond the ceiling take the ceiling. */
    public static HelpdeskCodeLimits of(Map<String, String> config) {
        Map<String, String> values = config == null ? Map.of() : config;
        int minutes = bounded(values.get(MAX_VALIDITY_MINUTES), DEFAULT_MAX_VALIDITY_MINUTES, CEILING_VALIDITY_MINUTES);
        int uses = bounded(values.get(MAX_USES_PER_CODE), DEFAULT_MAX_USES, CEILING_USES);
        return new HelpdeskCodeLimits(Duration.ofMinutes(minutes), uses);
    }

    /**
     * The limits of the realm's help desk factor, for the issuing endpoint, which runs outside any flow. Should the
     * factor sit in several flows, the strictest of their configs holds.
     */
    public static HelpdeskCodeLimits forRealm(RealmModel realm) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(execution -> HelpdeskCodeAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
                .map(execution -> execution.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()))
                .map(HelpdeskCodeLimits::of)
                .reduce(HelpdeskCodeLimits::strictest)
                .orElse(DEFAULTS);
    }

    public HelpdeskCodeLimits strictest(HelpdeskCodeLimits other) {
        return new HelpdeskCodeLimits(maxValidity.compareTo(other.maxValidity) <= 0 ? maxValidity : other.maxValidity,
                Math.min(maxUses, other.maxUses));
    }

    private static int bounded(String value, int fallback, int ceiling) {
        try {
            int parsed = Integer.parseInt(value == null ? "" : value.trim());
            return parsed < 1 ? fallback : Math.min(parsed, ceiling);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
