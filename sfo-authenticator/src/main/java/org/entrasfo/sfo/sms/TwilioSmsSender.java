package org.entrasfo.sfo.sms;

import java.net.URI;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.sfo.code.CodeDelivery.CodeDeliveryException;
import org.keycloak.models.KeycloakSession;

/** Sends one SMS with Twilio's Messaging API; failures become reasons an admin can act on, without secrets. */
final class TwilioSmsSender {

    static final String ERROR_NOT_CONFIGURED = "sfo_sms_not_configured";
    static final String ERROR_UNAVAILABLE = "sfo_sms_provider_unavailable";
    static final String ERROR_REFUSED = "sfo_sms_provider_refused";
    static final String ERROR_INVALID_NUMBER = "sfo_sms_invalid_number";

    /** Twilio's error codes that mean "this number cannot get an SMS" rather than "our account or request is wrong". */
    private static final java.util.Set<Integer> NUMBER_ERRORS = java.util.Set.of(21211, 21408, 21610, 21612, 21614, 21606);

    private final URI baseUrl;
    private final HttpTimeouts timeouts;

    TwilioSmsSender(URI baseUrl, HttpTimeouts timeouts) {
        this.baseUrl = baseUrl;
        this.timeouts = timeouts;
    }

    /** @return Twilio's message SID, for the event */
    String send(KeycloakSession session, SmsSettings settings, String to, String body) throws CodeDeliveryException {
        if (!settings.twilioConfigured()) {
            throw new CodeDeliveryException(ERROR_NOT_CONFIGURED, "Twilio account SID, auth token and sender are not all set");
        }
        String authToken = resolveSecret(session, settings.authToken());
        if (authToken == null || authToken.isBlank()) {
            throw new CodeDeliveryException(ERROR_NOT_CONFIGURED, "the Twilio auth token vault reference resolves to nothing");
        }
        TwilioRestClient client = new TwilioRestClient.Builder(settings.accountSid(), authToken)
                .httpClient(new KeycloakTwilioHttpClient(session, baseUrl, timeouts))
                .build();
        MessageCreator creator = settings.messagingServiceSid().isEmpty()
                ? Message.creator(new PhoneNumber(to), new PhoneNumber(settings.fromNumber()), body)
                : Message.creator(new PhoneNumber(to), settings.messagingServiceSid(), body);
        try {
            return creator.create(client).getSid();
        } catch (ApiConnectionException e) {
            throw new CodeDeliveryException(ERROR_UNAVAILABLE, "Twilio unreachable: " + e.getMessage());
        } catch (ApiException e) {
            String detail = "Twilio answered HTTP " + e.getStatusCode() + ", error " + e.getCode() + " (" + e.getMoreInfo() + ")";
            if (e.getCode() != null && NUMBER_ERRORS.contains(e.getCode())) {
                throw new CodeDeliveryException(ERROR_INVALID_NUMBER, detail, "sfoSmsInvalidNumber");
            }
            throw new CodeDeliveryException(e.getStatusCode() != null && e.getStatusCode() >= 500 ? ERROR_UNAVAILABLE : ERROR_REFUSED, detail);
        } catch (RuntimeException e) {
            throw new CodeDeliveryException(ERROR_REFUSED, "Twilio answer not understood: " + e.getClass().getSimpleName());
        }
    }

    /** {@code ${vault.key}} references go through Keycloak's vault; anything else is the secret itself. */
    private static String resolveSecret(KeycloakSession session, String value) {
        try (var secret = session.vault().getStringSecret(value)) {
            return secret.get().orElse(null);
        }
    }
}
