package org.entrasfo.sfo.email;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.entrasfo.sfo.code.CodeDelivery;
import org.entrasfo.sfo.code.OneTimeCodeSettings;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.UserModel;

/** Sends the code with Keycloak's email templates and the realm's SMTP settings. */
final class EmailCodeDelivery implements CodeDelivery {

    static final String TEMPLATE = "sfo-email-code.ftl";

    @Override
    public boolean canDeliverTo(UserModel user, OneTimeCodeSettings settings) {
        return user != null && user.getEmail() != null && !user.getEmail().isBlank()
                && (!settings.requireVerifiedEmail() || user.isEmailVerified());
    }

    @Override
    public String maskedDestination(UserModel user) {
        String email = user.getEmail();
        int at = email.indexOf('@');
        return at <= 1 ? "***" + email.substring(Math.max(at, 0)) : email.charAt(0) + "***" + email.substring(at);
    }

    @Override
    public void deliver(AuthenticationFlowContext context, String code, Duration validFor, OneTimeCodeSettings settings)
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
