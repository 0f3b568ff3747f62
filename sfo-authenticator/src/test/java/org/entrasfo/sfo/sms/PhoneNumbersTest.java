package org.entrasfo.sfo.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void normalizesInternationalNumbersToE164WithTheirCountry() {
        assertThat(PhoneNumbers.normalize("+49 (151) 2345-6789", null))
                .contains(new PhoneNumbers.Normalized("+4915123456789", "DE"));
        assertThat(PhoneNumbers.normalize("+1 650 253 0000", "")).map(PhoneNumbers.Normalized::region).contains("US");
    }

    @Test
    void readsNationalNumbersOnlyWithADefaultCountry() {
        assertThat(PhoneNumbers.normalize("0151 23456789", "DE")).map(PhoneNumbers.Normalized::e164).contains("+4915123456789");
        assertThat(PhoneNumbers.normalize("0151 23456789", null)).isEmpty();
    }

    @Test
    void refusesWhatIsNotADialableNumber() {
        assertThat(PhoneNumbers.normalize("12", "DE")).isEmpty();
        assertThat(PhoneNumbers.normalize("not a number", "DE")).isEmpty();
        assertThat(PhoneNumbers.normalize("+49 151 2345678901234567890123456789012345", "DE")).isEmpty();
        assertThat(PhoneNumbers.normalize(null, "DE")).isEmpty();
    }

    @Test
    void masksAllButTheCountryCodeAndTheLastTwoDigits() {
        assertThat(PhoneNumbers.mask("+4915123456789")).isEqualTo("+49 ••• 89").doesNotContain("151");
        assertThat(PhoneNumbers.mask("+16502530000")).isEqualTo("+1 ••• 00");
    }
}
