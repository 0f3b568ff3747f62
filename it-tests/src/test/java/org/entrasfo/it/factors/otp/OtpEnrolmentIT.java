package org.entrasfo.it.factors.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.entrasim.OneTimePasswords;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user without a token sets one up inside the SFO flow, on Keycloak's own TOTP page, only while an admin-set
 * enrolment window is open; the credential exists only after a first right code.
 */
class OtpEnrolmentIT {

    private static final String SETUP_FORM = "#sfo-otp-enrol-form";

    private static TenantRealm realm;

    @BeforeAll
    static void realmAllowingEnrolmentInAWindow() {
        realm = TenantRealm.create("otp-enrol-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of())
                .configure("sfo-otp", Map.of("enrolment", "window"));
    }

    private static EntraUser userWithOpenWindow() {
        return realm.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of(Instant.now().plusSeconds(3600).toString())));
    }

    /** The secret as the page shows it in text (base32, grouped), decoded to the key the authenticator app uses. */
    private static byte[] secretShownOn(Browser.Page manual) {
        String shown = manual.document().select("#sfo-otp-secret").text().replace(" ", "");
        assertThat(shown).as("secret as text on %s:\n%s", manual.uri(), manual.text()).isNotBlank();
        RunSecrets.otpKeyBase32(shown);
        return base32(shown);
    }

    private static String codeFor(byte[] key) {
        return OneTimePasswords.hotp(key, Instant.now().getEpochSecond() / 30, 6, "HmacSHA1");
    }

    @Test
    void setsUpATotpAppWithQrCodeAndTextSecretThenCompletesTheTransaction() {
        EntraUser user = userWithOpenWindow();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page setup = send(browser, realm, request);

        assertThat(setup.form(SETUP_FORM)).as(setup.text()).isPresent();
        assertThat(setup.document().select("#sfo-otp-qr").attr("src")).startsWith("data:image/png;base64,");
        assertThat(setup.document().select("#sfo-otp-uri").attr("href")).startsWith("otpauth://totp/").contains("secret=");
        assertThat(setup.text()).contains("TOTP, SHA1, 6 digits, 30 seconds");
        Browser.Page manual = browser.get(URI.create(setup.form(SETUP_FORM).orElseThrow().absUrl("action")));
        byte[] key = secretShownOn(manual);
        assertThat(key).as("the same secret on every render").isEqualTo(secretShownOn(setup));
        assertThat(realm.otpCredentialLabels(user)).as("nothing stored before the first code").isEmpty();

        FormPost answer = answerOf(browser.submit(manual, SETUP_FORM, Map.of("totp", codeFor(key), "userLabel", "My phone")));

        assertThat(validate(answer, realm, request, user.subject()).claims()).containsEntry("amr", List.of("otp"));
        assertThat(realm.otpCredentialLabels(user)).containsExactly("My phone");
        assertThat(eventOf(realm, request, "UPDATE_CREDENTIAL").orElseThrow().path("details").path("credential_type").asText())
                .isEqualTo("otp");
    }

    @Test
    void keepsTheSecretItShowedEvenIfTheBrowserSendsAnother() {
        EntraUser user = userWithOpenWindow();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();
        Browser.Page manual = send(browser, realm, request);
        byte[] shown = secretShownOn(manual);
        String chosenByAttacker = "AAAAAAAAAAAAAAAAAAAA";

        Browser.Page refused = browser.submit(manual, SETUP_FORM, Map.of("totpSecret", chosenByAttacker,
                "totp", OneTimePasswords.totp(chosenByAttacker, Instant.now())));
        assertThat(refused.form(SETUP_FORM)).isPresent();
        assertThat(realm.otpCredentialLabels(user)).isEmpty();

        FormPost answer = answerOf(browser.submit(refused, SETUP_FORM, Map.of("totp", codeFor(shown))));
        assertThat(answer.fields()).containsKey("id_token");
    }

    @Test
    void refusesAWrongFirstCodeAndStoresNothing() {
        EntraUser user = userWithOpenWindow();
        Browser browser = newBrowser();
        Browser.Page setup = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));

        Browser.Page again = browser.submit(setup, SETUP_FORM, Map.of("totp", "000000"));

        assertThat(again.form(SETUP_FORM)).isPresent();
        assertThat(again.text()).containsIgnoringCase("invalid");
        assertThat(realm.otpCredentialLabels(user)).isEmpty();
    }

    @Test
    void refusesAnOverlongDeviceNameWithAMessageInsteadOfAFailure() {
        EntraUser user = userWithOpenWindow();
        Browser browser = newBrowser();
        Browser.Page setup = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));

        Browser.Page again = browser.submit(setup, SETUP_FORM, Map.of("totp", codeFor(secretShownOn(setup)), "userLabel", "x".repeat(300)));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text()).contains("device name is too long");
        assertThat(realm.otpCredentialLabels(user)).isEmpty();
    }

    @Test
    void opensTheWindowForEveryMemberOfAGroup() {
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        String group = "new-staff-" + UUID.randomUUID().toString().substring(0, 6);
        String groupId = admin.post("/" + realm.name() + "/groups", Map.of("name", group,
                "attributes", Map.of("sfo_enrolment_until", List.of(LocalDate.now().plusDays(1).toString())))).location();
        groupId = groupId.substring(groupId.lastIndexOf('/') + 1);
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        String userId = realm.userId(user);
        admin.put("/" + realm.name() + "/users/" + userId + "/groups/" + groupId, Map.of());

        Browser.Page page = send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));

        assertThat(page.form(SETUP_FORM)).as(page.text()).isPresent();
    }

    @Test
    void refusesEnrolmentWhenTheWindowHasClosed() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of("2020-01-01")));
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        Browser.Page page = send(newBrowser(), realm, request);

        assertErrorPostedToEntra(page, realm, request, "access_denied", "sfo_no_usable_factor");
    }

    @Test
    void refusesEnrolmentByDefault() {
        TenantRealm closed = TenantRealm.create("otp-closed-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        EntraUser user = closed.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of(LocalDate.now().plusDays(1).toString())));
        AuthorizationRequest request = closed.requestWith(closed.hintFor(user).sign());

        Browser.Page page = send(newBrowser(), closed, request);

        JsonNode event = assertErrorPostedToEntra(page, closed, request, "access_denied", "sfo_no_usable_factor");
        assertThat(event.path("details").path("reason").asText()).contains("enrolment not open");
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace("=", "").toUpperCase().toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
