package org.entrasfo.sfo.sms;

import java.net.URI;
import java.util.List;

import org.entrasfo.factor.transaction.AuthenticationMethod;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.sfo.EnrolmentPolicy;
import org.entrasfo.sfo.code.CodeDelivery;
import org.entrasfo.sfo.code.OneTimeCodeAuthenticator;
import org.entrasfo.sfo.code.OneTimeCodeAuthenticatorFactory;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The SMS code factor: a one-time code sent through Twilio; its amr is {@code sms}. Server options (not realm
 * settings, so a realm admin cannot redirect codes elsewhere): {@code twilio-base-url} for a regional edge,
 * {@code twilio-connect-timeout-millis} and {@code twilio-read-timeout-millis}.
 */
public class SmsCodeAuthenticatorFactory extends OneTimeCodeAuthenticatorFactory {

    public static final String PROVIDER_ID = "sfo-sms-code";
    /** {@code twilio-connect-timeout-millis}, {@code twilio-read-timeout-millis}: a slow Twilio fails well inside Entra's five minutes. */
    static final String TWILIO_TIMEOUTS = "twilio";
    static final HttpTimeouts DEFAULT_TWILIO_TIMEOUTS = HttpTimeouts.ofMillis(5000, 10000);

    private CodeDelivery delivery;
    private OneTimeCodeAuthenticator authenticator;

    @Override
    public void init(Config.Scope config) {
        String baseUrl = config.get("twilio-base-url");
        TwilioSmsSender sender = new TwilioSmsSender(baseUrl == null || baseUrl.isBlank() ? null : URI.create(baseUrl.trim()),
                HttpTimeouts.of(config, TWILIO_TIMEOUTS, DEFAULT_TWILIO_TIMEOUTS));
        delivery = new SmsCodeDelivery(sender);
        authenticator = new OneTimeCodeAuthenticator(this, "sms", AuthenticationMethod.SMS, delivery);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public String getDisplayType() {
        return "SFO: SMS code";
    }

    @Override
    public String getReferenceCategory() {
        return "sms-code";
    }

    @Override
    public String getHelpText() {
        return "Second factor: a one-time code sent by SMS through Twilio to the user's mobile number. "
                + "Reports amr 'sms' to Entra.";
    }

    /** Without a Twilio account nothing can be sent, so the policy step skips the factor instead of failing later. */
    @Override
    protected Optional<String> missingSetting(KeycloakSession session, RealmModel realm, AuthenticatorConfigModel config) {
        return SmsSettings.of(config).twilioConfigured() ? Optional.empty()
                : Optional.of("Twilio account SID, auth token and sender are not configured");
    }

    @Override
    public Set<AuthenticationMethod> reportableMethods() {
        return EnumSet.of(AuthenticationMethod.SMS);
    }

    /** The number the codes go to is the directory's or an admin's; users read it in the Account Console. */
    @Override
    public FactorSetup setup() {
        return FactorSetup.at(30).withAttribute(EnrolmentPolicy.WINDOW_USER_ATTRIBUTE)
                .withAttribute(new FactorSetup.UserAttribute(SmsSettings.DEFAULT_PHONE_ATTRIBUTE, "Mobile number", true, false));
    }

    @Override
    protected CodeDelivery delivery() {
        return delivery;
    }

    @Override
    protected List<ProviderConfigProperty> channelConfigProperties() {
        return SmsSettings.configProperties();
    }
}
