package org.entrasfo.sfo.push;

import java.util.Map;

import org.entrasfo.sfo.EnrolmentPolicy;
import org.keycloak.models.AuthenticatorConfigModel;

/** The push factor's execution config, read once with a default for every value. */
public record PushApprovalConfig(NumberMatching numberMatching, int challengeLifetimeSeconds, EnrolmentPolicy enrolment) {

    public static final String LIFETIME_KEY = "challengeLifetimeSeconds";
    static final int DEFAULT_LIFETIME_SECONDS = 120;
    /** Entra waits five minutes for the whole round trip; the user needs part of it for the page before and after. */
    static final int LONGEST_LIFETIME_SECONDS = 240;
    static final int SHORTEST_LIFETIME_SECONDS = 10;

    public static PushApprovalConfig of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new PushApprovalConfig(NumberMatching.of(config.get(NumberMatching.CONFIG_KEY)),
                lifetime(config.get(LIFETIME_KEY)), EnrolmentPolicy.of(model));
    }

    private static int lifetime(String value) {
        try {
            int seconds = value == null || value.isBlank() ? DEFAULT_LIFETIME_SECONDS : Integer.parseInt(value.trim());
            return Math.max(SHORTEST_LIFETIME_SECONDS, Math.min(LONGEST_LIFETIME_SECONDS, seconds));
        } catch (NumberFormatException e) {
            return DEFAULT_LIFETIME_SECONDS;
        }
    }
}
