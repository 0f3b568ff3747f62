package org.entrasfo.sfo.email;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.entrasfo.sfo.code.CodeDelivery;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.UserModel;

/**
 * Sends the code with Keycloak's email templates and the realm's SMTP settings, to the user's address only: an
 * address typed in during sign-in would prove nothing, so this channel has no enrolment.
 */
final class EmailCodeDelivery implements CodeDelivery {

    static final String TEMPLATE = "sfo-email-code.ftl";
    static final String REQUIRE_VERIFIED_EMAIL = "requireVerifiedEmail";

    @Override
    public Optional<String> destinationOf(UserModel user, AuthenticatorConfigModel config) {
        boolean verifiedOnly = config != null && config.getConfig() != null
                && Boolean.parseBoolean(config.getConfig().getOrDefault(REQUIRE_VERIFIED_EMAIL, "false"));
        if (user == null || user.getEmail() == null || user.getEmail().isBlank() || (verifiedOnly && !user.isEmailVerified())) {
            return Optional.empty();
        }
        return Optional.of(user.getEmail());
    }

    @Override
    public String noDestinationReason() {
        return "no usable email address";
    }

    @Override
    public String mask(String email) {
        int at = email.indexOf('@');
        return at <= 1 ? "***" + email.substring(Math.max(at, 0)) : email.charAt(0) + "***" + email.substring(at);
    }

    @Override
    public void deliver(AuthenticationFlowContext context, String destination, String code, Duration validFor)
            throws CodeDeliveryException {
        String application = context.getAuthenticationSession().getClient().getName();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", code);
        attributes.put("validMinutes", Math.max(1, validFor.toMinutes()));
        attributes.put("application", application == null ? context.getRealm().getDisplayName() : application);
        try {
            context.getSession().getProvider(EmailTemplateProvider.class)
                    .setRealm(context.getRealm())
                    .setUser(context.getUser())
                    .setAuthenticationSession(context.getAuthenticationSession())
                    .send("sfoEmailCodeSubject", List.of(attributes.get("application")), TEMPLATE, attributes);
        } catch (EmailException e) {
            throw new CodeDeliveryException("sfo_email_delivery_failed", "sending the email failed: " + e.getMessage());
        }
    }
}
