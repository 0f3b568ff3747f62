package org.entrasfo.sfo.code;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The settings every one-time-code factor shares, each with a safe default when the execution has no config. */
public record OneTimeCodeSettings(int digits, Duration validity, int maxAttemptsPerCode, Duration resendCooldown) {

    public static final String DIGITS = "codeDigits";
    public static final String VALIDITY_SECONDS = "codeValiditySeconds";
    public static final String MAX_ATTEMPTS = "maxAttemptsPerCode";
    public static final String RESEND_COOLDOWN_SECONDS = "resendCooldownSeconds";

    /** Entra abandons the transaction after about five minutes; a code never outlives that. */
    static final Duration ENTRA_WINDOW = Duration.ofMinutes(5);

    public static OneTimeCodeSettings of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        int digits = clamp(integer(config, DIGITS, 6), 6, 10);
        long validity = clamp(integer(config, VALIDITY_SECONDS, 300), 30, (int) ENTRA_WINDOW.toSeconds());
        return new OneTimeCodeSettings(digits, Duration.ofSeconds(validity),
                clamp(integer(config, MAX_ATTEMPTS, 3), 1, 10),
                Duration.ofSeconds(clamp(integer(config, RESEND_COOLDOWN_SECONDS, 30), 0, 300)));
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
                .property().name(RESEND_COOLDOWN_SECONDS).label("Resend cooldown (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(30).helpText("How long the user waits before asking for another code.").add()
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
