package org.entrasfo.sfo.sms;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.entrasfo.sfo.EnrolmentPolicy;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The SMS factor's execution settings, each with a safe default. Twilio credentials may be vault references
 * ({@code ${vault.twilio_auth_token}}); the token is resolved only when a message is sent and never logged.
 */
public record SmsSettings(String phoneAttribute, String defaultRegion, Set<String> allowedCountries,
                          String accountSid, String authToken, String fromNumber, String messagingServiceSid,
                          int maxPerRealmPerHour, EnrolmentPolicy enrolment) {

    public static final String PHONE_ATTRIBUTE = "phoneAttribute";
    /** Where the factor looks unless configured otherwise; provisioning makes it admin-editable. */
    public static final String DEFAULT_PHONE_ATTRIBUTE = "phoneNumber";
    public static final String DEFAULT_REGION = "defaultRegion";
    public static final String ALLOWED_COUNTRIES = "allowedCountries";
    public static final String ACCOUNT_SID = "twilioAccountSid";
    public static final String AUTH_TOKEN = "twilioAuthToken";
    public static final String FROM_NUMBER = "twilioFrom";
    public static final String MESSAGING_SERVICE_SID = "twilioMessagingServiceSid";
    public static final String MAX_PER_REALM_PER_HOUR = "maxPerRealmPerHour";

    public static SmsSettings of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        Set<String> countries = Arrays.stream(config.getOrDefault(ALLOWED_COUNTRIES, "").split("[,\\s]+|" + Constants.CFG_DELIMITER))
                .map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new SmsSettings(text(config, PHONE_ATTRIBUTE, DEFAULT_PHONE_ATTRIBUTE), text(config, DEFAULT_REGION, ""), countries,
                text(config, ACCOUNT_SID, ""), text(config, AUTH_TOKEN, ""), text(config, FROM_NUMBER, ""),
                text(config, MESSAGING_SERVICE_SID, ""),
                Math.max(1, integer(config, MAX_PER_REALM_PER_HOUR, 1000)),
                EnrolmentPolicy.of(model));
    }

    /** Empty allow-list: every country. */
    public boolean allowsCountry(String region) {
        return allowedCountries.isEmpty() || allowedCountries.contains(region);
    }

    public boolean twilioConfigured() {
        return !accountSid.isEmpty() && !authToken.isEmpty() && (!fromNumber.isEmpty() || !messagingServiceSid.isEmpty());
    }

    static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(PHONE_ATTRIBUTE).label("Phone number attribute").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("phoneNumber").helpText("User attribute holding the mobile number (filled by LDAP/AD, SCIM or an "
                        + "admin). Numbers are normalized to E.164 before use.").add()
                .property().name(DEFAULT_REGION).label("Default country").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("ISO country code (DE, US, ...) for numbers written without +country code. Empty: such numbers "
                        + "are not used.").add()
                .property().name(ALLOWED_COUNTRIES).label("Allowed countries").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated ISO country codes that codes may be sent to, against SMS pumping and toll fraud. "
                        + "Empty: every country (not recommended).").add()
                .property().name(ACCOUNT_SID).label("Twilio Account SID").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The Account SID (AC...) or API key SID (SK...) used to authenticate to Twilio.").add()
                .property().name(AUTH_TOKEN).label("Twilio auth token").type(ProviderConfigProperty.PASSWORD)
                .secret(true).helpText("Auth token or API key secret. Prefer a vault reference: ${vault.twilio_auth_token}.").add()
                .property().name(FROM_NUMBER).label("Sender number").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Twilio number (E.164) or alphanumeric sender ID the SMS comes from. Either this or a Messaging "
                        + "Service SID.").add()
                .property().name(MESSAGING_SERVICE_SID).label("Messaging Service SID").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("MG... of a Twilio Messaging Service; takes precedence over the sender number.").add()
                .property().name(MAX_PER_REALM_PER_HOUR).label("SMS per realm per hour").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(1000).helpText("Ceiling for the whole realm, so a flood of sign-ins cannot run up the Twilio bill.").add()
                .property(EnrolmentPolicy.configProperty("a phone number"))
                .build();
    }

    private static String text(Map<String, String> config, String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int integer(Map<String, String> config, String key, int fallback) {
        try {
            return Integer.parseInt(config.getOrDefault(key, "").trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public String toString() {
        return "SmsSettings[phoneAttribute=" + phoneAttribute + ", accountSid=" + accountSid + ", authToken=***]";
    }
}
