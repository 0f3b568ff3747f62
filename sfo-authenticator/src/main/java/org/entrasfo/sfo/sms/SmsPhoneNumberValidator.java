package org.entrasfo.sfo.sms;

import java.util.List;
import java.util.Objects;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * A phone number the SMS factor would send to, checked as the factor checks it when it sends (a dialable number,
 * in E.164 or in the default country, in a country of the allow-list). Every SMS execution of the realm must accept
 * it. Keycloak's validator registry is how SCIM provisioning asks, without knowing the factor.
 */
public final class SmsPhoneNumberValidator extends AbstractStringValidator {

    public static final String ID = "sfo-sms-phone-number";
    public static final String MESSAGE = "sfoPhoneNumberNotAllowed";

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        RealmModel realm = context.getSession().getContext().getRealm();
        List<SmsSettings> settings = settingsOf(realm);
        boolean accepted = settings.stream().allMatch(sms -> PhoneNumbers.normalize(value, sms.defaultRegion())
                .filter(number -> sms.allowsCountry(number.region())).isPresent());
        if (!accepted) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
        }
    }

    /** The settings of every SMS step of the realm's flows; none configured: the factor's defaults. */
    static List<SmsSettings> settingsOf(RealmModel realm) {
        List<SmsSettings> settings = realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(execution -> SmsCodeAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
                .map(execution -> execution.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()))
                .filter(Objects::nonNull)
                .map(SmsSettings::of)
                .toList();
        return settings.isEmpty() ? List.of(SmsSettings.of((AuthenticatorConfigModel) null)) : settings;
    }

    @Override
    public String getId() {
        return ID;
    }
}
