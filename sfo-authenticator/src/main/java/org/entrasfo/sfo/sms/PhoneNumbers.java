package org.entrasfo.sfo.sms;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers as the SMS factor handles them: normalized to E.164 (what Twilio takes and what is stored), with the
 * country they belong to (for the toll-fraud allow-list) and masked for pages, which never show a whole number.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** A valid number with its ISO 3166 region, or empty for anything that is not a dialable number. */
    public record Normalized(String e164, String region) {
    }

    /**
     * @param defaultRegion ISO region for numbers written without a country code (as directories often hold them);
     *                      null or blank: only numbers with a leading + are accepted
     */
    public static Optional<Normalized> normalize(String input, String defaultRegion) {
        if (input == null || input.isBlank() || input.length() > 40) {
            return Optional.empty();
        }
        try {
            String region = defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.trim().toUpperCase();
            PhoneNumber number = UTIL.parse(input.trim(), region);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new Normalized(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
                    UTIL.getRegionCodeForNumber(number)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** +49 ••• •••• 67: enough for the user to recognise their phone, not enough to learn the number. */
    public static String mask(String e164) {
        if (e164 == null || e164.length() < 6) {
            return "•••";
        }
        try {
            PhoneNumber number = UTIL.parse(e164, "ZZ");
            String countryCode = "+" + number.getCountryCode();
            return countryCode + " ••• " + e164.substring(e164.length() - 2);
        } catch (NumberParseException e) {
            return "••• " + e164.substring(e164.length() - 2);
        }
    }
}
