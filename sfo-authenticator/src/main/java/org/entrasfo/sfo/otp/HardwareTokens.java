package org.entrasfo.sfo.otp;

import java.util.Map;

import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.UserModel;

/**
 * Which of a user's OTP credentials are imported hardware tokens (key fobs), and the amr they report. Keycloak's OTP
 * credential has no room for this, so the ids live in an admin-only user attribute; the credential itself stays an
 * ordinary Keycloak OTP credential that the Account Console lists and removes.
 */
public final class HardwareTokens {

    public static final String ATTRIBUTE = "sfo_hardware_otp";
    public static final String AMR_CONFIG_KEY = "hardwareTokenAmr";

    private HardwareTokens() {
    }

    public static void mark(UserModel user, String credentialId) {
        if (user.getAttributeStream(ATTRIBUTE).noneMatch(credentialId::equals)) {
            user.setAttribute(ATTRIBUTE, java.util.stream.Stream.concat(user.getAttributeStream(ATTRIBUTE),
                    java.util.stream.Stream.of(credentialId)).toList());
        }
    }

    public static boolean isHardwareToken(UserModel user, String credentialId) {
        return credentialId != null && user.getAttributeStream(ATTRIBUTE).anyMatch(credentialId::equals);
    }

    /** {@code hwk} only when the admin asked for it: some Entra policies know only {@code otp}. */
    public static AuthenticationMethod methodFor(UserModel user, String credentialId, AuthenticatorConfigModel config) {
        Map<String, String> settings = config == null || config.getConfig() == null ? Map.of() : config.getConfig();
        boolean reportHwk = "hwk".equalsIgnoreCase(settings.getOrDefault(AMR_CONFIG_KEY, "otp").trim());
        return reportHwk && isHardwareToken(user, credentialId) ? AuthenticationMethod.HWK : AuthenticationMethod.OTP;
    }
}
