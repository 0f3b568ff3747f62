package org.entrasfo.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What an admin may set as the organisation's look: colours readable with white text, logos that cannot run or leak. */
class BrandingTest {

    private static List<String> colourErrors(String colour) {
        List<TenantProfile.FieldError> errors = new ArrayList<>();
        Branding.checkColour(errors, "brandColour", colour);
        return errors.stream().map(TenantProfile.FieldError::message).toList();
    }

    private static List<String> logoErrors(String logo) {
        List<TenantProfile.FieldError> errors = new ArrayList<>();
        Branding.checkLogo(errors, "brandLogo", logo);
        return errors.stream().map(TenantProfile.FieldError::message).toList();
    }

    @Test
    void acceptsADarkColourAndEmptyForNone() {
        assertThat(colourErrors("#0B5394")).isEmpty();
        assertThat(colourErrors("")).isEmpty();
        assertThat(colourErrors(null)).isEmpty();
    }

    @Test
    void refusesAColourWhiteTextIsNotReadableOn() {
        assertThat(colourErrors("#ffcc00")).singleElement().asString().contains("contrast").contains("4.5");
        // #767676 is the lightest grey that still reaches 4.5:1 with white.
        assertThat(colourErrors("#767676")).isEmpty();
        assertThat(colourErrors("#777777")).isNotEmpty();
    }

    @Test
    void refusesAnythingButHashAndSixHexDigitsSoNoCssCanBeInjected() {
        assertThat(colourErrors("red")).isNotEmpty();
        assertThat(colourErrors("#000")).isNotEmpty();
        assertThat(colourErrors("#000000; } body { display: none")).isNotEmpty();
        assertThat(colourErrors("#00000g")).isNotEmpty();
    }

    @Test
    void acceptsAnHttpsLogoAndASmallDataImage() {
        assertThat(logoErrors("https://cdn.contoso.example/logo.svg")).isEmpty();
        assertThat(logoErrors("data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[512]))).isEmpty();
    }

    @Test
    void refusesLogosThatCouldRunScriptLeakOrBreakOutOfTheAttribute() {
        assertThat(logoErrors("javascript:alert(1)")).isNotEmpty();
        assertThat(logoErrors("http://cdn.contoso.example/logo.png")).isNotEmpty();
        assertThat(logoErrors("https://cdn.contoso.example/logo.png\" onerror=\"alert(1)")).isNotEmpty();
        assertThat(logoErrors("https://user:pw@cdn.contoso.example/logo.png")).isNotEmpty();
        assertThat(logoErrors("data:text/html;base64,PHNjcmlwdD4=")).isNotEmpty();
        assertThat(logoErrors("data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[Branding.MAX_DATA_IMAGE_BYTES + 1])))
                .isNotEmpty();
        assertThat(logoErrors("https://" + "a".repeat(Branding.MAX_URL_LENGTH) + ".example/")).isNotEmpty();
    }
}
