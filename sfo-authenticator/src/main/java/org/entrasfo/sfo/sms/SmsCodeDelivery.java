package org.entrasfo.sfo.sms;

import java.io.IOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.sfo.code.CodeDelivery;
import org.entrasfo.sfo.code.SendQuota;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * Sends the code by SMS through Twilio to the number in the admin's chosen attribute, normalized to E.164. Before a
 * message leaves, the toll-fraud guards apply: the destination country must be allowed, and the user's and the
 * realm's hourly quotas must have room.
 */
final class SmsCodeDelivery implements CodeDelivery {

    static final String ERROR_RATE_LIMITED = "sfo_sms_rate_limited";
    static final String ERROR_COUNTRY_NOT_ALLOWED = "sfo_sms_country_not_allowed";

    private final TwilioSmsSender sender;

    SmsCodeDelivery(TwilioSmsSender sender) {
        this.sender = sender;
    }

    @Override
    public Optional<String> destinationOf(UserModel user, AuthenticatorConfigModel config) {
        if (user == null) {
            return Optional.empty();
        }
        SmsSettings settings = SmsSettings.of(config);
        return user.getAttributeStream(settings.phoneAttribute())
                .map(value -> PhoneNumbers.normalize(value, settings.defaultRegion()))
                .flatMap(Optional::stream)
                .filter(number -> settings.allowsCountry(number.region()))
                .map(PhoneNumbers.Normalized::e164)
                .findFirst();
    }

    @Override
    public String noDestinationReason() {
        return "no valid mobile number in an allowed country";
    }

    @Override
    public String mask(String destination) {
        return PhoneNumbers.mask(destination);
    }

    @Override
    public void deliver(AuthenticationFlowContext context, String destination, String code, Duration validFor)
            throws CodeDeliveryException {
        SmsSettings settings = SmsSettings.of(context.getAuthenticatorConfig());
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        // The user's cooldown and hourly quota are the shared mechanism's; the realm's ceiling is against toll fraud.
        SendQuota quota = new SendQuota(context.getSession());
        if (!quota.tryAcquire("sms.realm." + context.getRealm().getId(), settings.maxPerRealmPerHour(), now)) {
            throw new CodeDeliveryException(ERROR_RATE_LIMITED, "hourly SMS quota of the realm used up", "sfoCodeRateLimited");
        }
        String messageSid = sender.send(context.getSession(), settings, destination, body(context, code, validFor));
        context.getEvent().detail("sms_message_sid", messageSid);
    }

    @Override
    public String rateLimitedError() {
        return ERROR_RATE_LIMITED;
    }

    @Override
    public boolean enrolmentAllowed(UserModel user, AuthenticatorConfigModel config) {
        return SmsSettings.of(config).enrolment().allows(user, ServerClock.now());
    }

    @Override
    public String acceptNewDestination(String input, AuthenticatorConfigModel config) throws CodeDeliveryException {
        SmsSettings settings = SmsSettings.of(config);
        PhoneNumbers.Normalized number = PhoneNumbers.normalize(input, settings.defaultRegion())
                .orElseThrow(() -> new CodeDeliveryException(TwilioSmsSender.ERROR_INVALID_NUMBER,
                        "the number typed in is not a valid phone number", "sfoSmsInvalidNumber"));
        if (!settings.allowsCountry(number.region())) {
            throw new CodeDeliveryException(ERROR_COUNTRY_NOT_ALLOWED,
                    "numbers of " + number.region() + " are not allowed", "sfoSmsCountryNotAllowed");
        }
        return number.e164();
    }

    @Override
    public void saveDestination(UserModel user, String destination, AuthenticatorConfigModel config) {
        user.setSingleAttribute(SmsSettings.of(config).phoneAttribute(), destination);
    }

    /** The text from the login theme's messages in the user's language; the last line lets phones autofill the code. */
    private static String body(AuthenticationFlowContext context, String code, Duration validFor) {
        String application = context.getAuthenticationSession().getClient().getName();
        if (application == null || application.isBlank()) {
            application = context.getRealm().getDisplayName() == null ? context.getRealm().getName() : context.getRealm().getDisplayName();
        }
        String pattern = "{0} is your verification code for {2}. It is valid for {1} minutes.";
        Locale locale = context.getSession().getContext().resolveLocale(context.getUser());
        try {
            Properties messages = context.getSession().theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(context.getRealm(), locale);
            pattern = messages.getProperty("sfoSmsCodeBody", pattern);
        } catch (IOException e) {
            context.getEvent().detail(EntraEvents.REASON, "login theme messages unreadable, English SMS text used");
        }
        String host = context.getUriInfo().getBaseUri().getHost();
        return new MessageFormat(pattern, locale).format(new Object[]{code, Math.max(1, validFor.toMinutes()), application})
                + "\n\n@" + host + " #" + code;
    }
}
