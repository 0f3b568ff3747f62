package org.entrasfo.sfo.code;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The settings every one-time-code factor shares, each with a safe default when the execution has no config. The
 * cooldown and the hourly quota hold per user and factor across all auth sessions and cluster nodes.
 */
public record OneTimeCodeSettings(int digits, Duration validity, int maxAttemptsPerCode, Duration resendCooldown,
                                  int maxPerUserPerHour) {

    public static final String DIGITS = "codeDigits";
    public static final String VALIDITY_SECONDS = "codeValiditySeconds";
    public static final String MAX_ATTEMPTS = "maxAttemptsPerCode";
    public static final String RESEND_COOLDOWN_SECONDS = "resendCooldownSeconds";
    /** The SMS factor's key from before the quota was shared; it keeps its meaning for SMS and now serves email too. */
    public static final String MAX_PER_USER_PER_HOUR = "maxPerUserPerHour";

    /** Entra abandons the transaction after about five minutes; a code never outlives that. */
    static final Duration ENTRA_WINDOW = Duration.ofMinutes(5);

    public static OneTimeCodeSettings of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        int digits = clamp(integer(config, DIGITS, 6), 6, 10);
        long validity = clamp(integer(config, VALIDITY_SECONDS, 300), 30, (int) ENTRA_WINDOW.toSeconds());
        return new OneTimeCodeSettings(digits, Duration.ofSeconds(validity),
                clamp(integer(config, MAX_ATTEMPTS, 3), 1, 10),
                Duration.ofSeconds(clamp(integer(config, RESEND_COOLDOWN_SECONDS, 30), 0, 300)),
                clamp(integer(config, MAX_PER_USER_PER_HOUR, 5), 1, 1000));
    }

    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(DIGITS).label("Code length").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(6)
                .helpText("Digits of each code, 6 to 10.").add()
                .property().name(VALIDITY_SECONDS).label("Code validity (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(300).helpText("How long a code can be used; never more than Entra's 5-minute window.").add()
                .property().name(MAX_ATTEMPTS).label("Wrong tries per code").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(3).helpText("After this many wrong tries the code is void and a new one must be sent. "
                        + "Every wrong try also counts for the realm's brute-force detection.").add()
                .property().name(RESEND_COOLDOWN_SECONDS).label("Cooldown between codes (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(30).helpText("How long after one code the next may be sent to the same user, whichever "
                        + "sign-in, browser tab or server asks for it. 0: no wait (the hourly quota still holds).").add()
                .property().name(MAX_PER_USER_PER_HOUR).label("Codes per user per hour").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(5).helpText("Codes of this factor sent to one user within an hour, resends and parallel "
                        + "sign-ins included.").add()
                .build();
    }

    private static int integer(Map<String, String> config, String key, int fallback) {
        try {
            return Integer.parseInt(config.getOrDefault(key, "").trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
