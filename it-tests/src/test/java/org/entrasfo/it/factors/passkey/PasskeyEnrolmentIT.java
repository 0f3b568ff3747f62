package org.entrasfo.it.factors.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.factors.passkey.PasskeySignIn.REGISTER_BUTTON;
import static org.entrasfo.it.factors.passkey.PasskeySignIn.SIGN_IN_WITH_KEY;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakClock;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.it.support.VirtualSecurityKey;
import org.entrasfo.it.support.WcagCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * How a first key comes to a user: inside an admin-set enrolment window when they have no usable factor at all (the
 * ceremony with the new key is the factor passed, as a new OTP token's first code is), right after a help desk code,
 * and never through a forged or late answer to the registration page.
 */
// Runs alone: it moves Keycloak's clock, which every other class reads.
@Isolated
class PasskeyEnrolmentIT {

    private static TenantRealm windowRealm() {
        return TenantRealm.create("passkey-window-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-passkey"))).configure("sfo-passkey", Map.of("enrolment", "window"));
    }

    private static Map<String, List<String>> windowOpenForAnHour() {
        return Map.of("sfo_enrolment_until", List.of(Instant.now().plusSeconds(3600).toString()));
    }

    @Test
    void aUserWithoutAnyFactorRegistersAFirstKeyInAnOpenWindowAndEntraAcceptsThatCeremonyAsFido() {
        TenantRealm realm = windowRealm();
        EntraUser user = realm.newUserWithout2ndFactor(windowOpenForAnHour());
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.CTAP2_RESIDENT_WITH_USER_VERIFICATION.pluggedInto(chromium.driver());

            AuthorizationRequest first = realm.requestWith(realm.hintFor(user).sign());
            chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), first.formParameters(), REGISTER_BUTTON);
            WcagCheck.assertNoViolations(chromium, "factor-passkey-window-registration-page");
            PasskeySignIn.register(chromium, "First key");

            assertThat(validate(PasskeySignIn.answer(chromium), realm, first, user.subject()).claims()).containsEntry("amr", List.of("fido"));
            assertThat(PasskeySignIn.keyLabels(realm, user)).containsExactly("First key");
            JsonNode registered = realm.keycloak().admin().events(realm.name(), "UPDATE_CREDENTIAL").stream()
                    .filter(e -> realm.userId(user).equals(e.path("userId").asText()))
                    .findFirst().orElseThrow();
            assertThat(registered.path("details").path("credential_type").asText()).isEqualTo("webauthn");

            AuthorizationRequest second = PasskeySignIn.passkeyPage(chromium, realm, user);
            chromium.driver().findElement(SIGN_IN_WITH_KEY).click();
            assertThat(validate(PasskeySignIn.answer(chromium), realm, second, user.subject()).claims()).containsEntry("amr", List.of("fido"));
        }
    }

    /** Whoever holds only the password of a user with a token cannot add a key of theirs while the window is open. */
    @Test
    void aUserWhoHasAFactorIsAskedForItAndNotOfferedAKeyInTheWindow() {
        TenantRealm realm = windowRealm();
        EntraUser user = realm.newUser();
        realm.keycloak().admin().setUserAttributes(realm.name(), user.username(), windowOpenForAnHour());

        var page = EntraRoundTrip.send(EntraRoundTrip.newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));

        assertThat(EntraRoundTrip.asksForOtp(page)).as(page.text()).isTrue();
        assertThat(page.document().getElementById("registerWebAuthn")).isNull();
    }

    /**
     * Whoever holds a registration page opened in the window keeps it open while the user is given a factor (here an
     * admin imports a hardware token): the window was for a user with nothing usable, so the key is not registered.
     */
    @Test
    void aFactorGivenToTheUserWhileTheRegistrationPageIsOpenEndsThatEnrolment() {
        TenantRealm realm = windowRealm();
        EntraUser user = realm.newUserWithout2ndFactor(windowOpenForAnHour());
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.CTAP2_NON_RESIDENT_WITHOUT_USER_VERIFICATION.pluggedInto(chromium.driver());
            AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
            chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), request.formParameters(), REGISTER_BUTTON);

            String csv = "serial;username;type;secret;digits;period\nTOTP-" + UUID.randomUUID().toString().substring(0, 6) + ";"
                    + user.username() + ";totp;base32:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ;6;30\n";
            assertThat(realm.keycloak().admin().postFile("/" + realm.name() + "/entra-sfo-hardware-tokens", "text/csv", csv).status())
                    .isEqualTo(200);
            PasskeySignIn.register(chromium, "Key of whoever kept the page");

            PasskeySignIn.refusalText(chromium, "no longer possible in this sign-in");
            FormPost answer = FormPost.parse(chromium.driver().getPageSource(), URI.create(chromium.driver().getCurrentUrl())).orElseThrow();
            assertThat(answer.fields()).as("Entra hears a refusal, no token").containsEntry("error", "access_denied").doesNotContainKey("id_token");
            assertThat(PasskeySignIn.keyLabels(realm, user)).isEmpty();
            assertThat(EntraRoundTrip.eventOf(realm, request, "LOGIN_ERROR").orElseThrow().path("details").path("reason").asText())
                    .isEqualTo("passkey enrolment no longer allowed");
        }
    }

    @Test
    void refusesAFirstKeyInTheFlowOnceTheWindowHasClosed() {
        TenantRealm realm = windowRealm();
        EntraUser user = realm.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of("2020-01-01")));
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        var page = EntraRoundTrip.send(EntraRoundTrip.newBrowser(), realm, request);

        JsonNode event = assertErrorPostedToEntra(page, realm, request, "access_denied", "sfo_no_usable_factor");
        assertThat(event.path("details").path("reason").asText()).contains("enrolment window not open");
        assertThat(PasskeySignIn.keyLabels(realm, user)).isEmpty();
    }

    /** A user who lost every factor calls the help desk: the code they are read out is the factor before the key. */
    @Test
    void registersAKeyRightAfterAHelpDeskCode() {
        TenantRealm realm = TenantRealm.create("passkey-helpdesk-" + UUID.randomUUID().toString().substring(0, 6),
                MicrosoftCloud.GLOBAL, Map.of("factors", List.of("sfo-helpdesk-code", "sfo-passkey")));
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        PasskeySignIn.askToRegisterAKey(realm, user);
        var issued = realm.keycloak().admin().post("/" + realm.name() + "/entra-sfo-helpdesk/codes", Map.of("username", user.username()));
        assertThat(issued.status()).as(String.valueOf(issued.body())).isEqualTo(201);
        String code = issued.body().path("code").asText();
        RunSecrets.code(RunSecrets.Kind.CODE, code);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.CTAP2_NON_RESIDENT_WITHOUT_USER_VERIFICATION.pluggedInto(chromium.driver());
            AuthorizationRequest first = realm.requestWith(realm.hintFor(user).sign());
            By codeField = By.cssSelector("#sfo-code-form [name=code]");
            chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), first.formParameters(), codeField);
            chromium.driver().findElement(codeField).sendKeys(code);
            chromium.driver().findElement(By.cssSelector("#sfo-code-form [type=submit]")).click();
            PasskeySignIn.awaitOrExplain(chromium, REGISTER_BUTTON);
            PasskeySignIn.register(chromium, "Replacement key");

            assertThat(validate(PasskeySignIn.answer(chromium), realm, first, user.subject()).claims()).containsKey("amr");
            assertThat(PasskeySignIn.keyLabels(realm, user)).containsExactly("Replacement key");

            AuthorizationRequest second = PasskeySignIn.passkeyPage(chromium, realm, user);
            chromium.driver().findElement(SIGN_IN_WITH_KEY).click();
            assertThat(validate(PasskeySignIn.answer(chromium), realm, second, user.subject()).claims()).containsEntry("amr", List.of("fido"));
        }
    }

    /**
     * The registration page posted without the key's answer (a forged or truncated post, or a second post of a spent
     * page): Keycloak's error page with "try again" and an event with the reason, never a server error; in the flow
     * of an enrolment window as in the action after a factor.
     */
    @Test
    void aRegistrationPostWithoutTheKeysAnswerGetsAPageAndAnEventNeverAServerError() {
        TenantRealm realm = windowRealm();
        EntraUser inWindow = realm.newUserWithout2ndFactor(windowOpenForAnHour());
        EntraUser afterOtp = realm.newUser();
        PasskeySignIn.askToRegisterAKey(realm, afterOtp);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.CTAP2_NON_RESIDENT_WITHOUT_USER_VERIFICATION.pluggedInto(chromium.driver());
            AuthorizationRequest request = realm.requestWith(realm.hintFor(inWindow).sign());
            chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), request.formParameters(), REGISTER_BUTTON);
            postTheEmptyRegistrationFormAndTryAgain(chromium, realm, inWindow);
            assertThat(validate(PasskeySignIn.answer(chromium), realm, request, inWindow.subject()).claims()).containsEntry("amr", List.of("fido"));

            AuthorizationRequest second = PasskeySignIn.otpThenRegistrationPage(chromium, realm, afterOtp);
            postTheEmptyRegistrationFormAndTryAgain(chromium, realm, afterOtp);
            assertThat(validate(PasskeySignIn.answer(chromium), realm, second, afterOtp.subject()).claims()).containsEntry("amr", List.of("otp"));
        }
    }

    private static void postTheEmptyRegistrationFormAndTryAgain(AdminConsole chromium, TenantRealm realm, EntraUser user) {
        ((JavascriptExecutor) chromium.driver()).executeScript("document.getElementById('register').submit()");
        PasskeySignIn.refusalText(chromium, "could not be read");
        WcagCheck.assertNoViolations(chromium, "factor-passkey-registration-error-page");
        assertThat(chromium.driver().getPageSource()).doesNotContain("id_token");
        JsonNode event = realm.keycloak().admin().events(realm.name(), "UPDATE_CREDENTIAL_ERROR").stream()
                .filter(e -> realm.userId(user).equals(e.path("userId").asText())).findFirst().orElseThrow();
        assertThat(event.path("error").asText()).isEqualTo("invalid_registration");
        assertThat(event.path("details").path("reason").asText()).isEqualTo("incomplete or malformed registration answer");
        chromium.driver().findElement(By.id("kc-try-again")).click();
        PasskeySignIn.awaitOrExplain(chromium, REGISTER_BUTTON);
        PasskeySignIn.register(chromium, "Key after a retry");
    }

    /**
     * The ceremony's three minutes count from the first registration page: opening the page again later does not
     * lengthen them. With the factor's allowed age raised to ten minutes, an answer after the three minutes gets a new
     * page (a new ceremony) instead of a key, and no server error.
     */
    @Test
    void openingTheRegistrationPageAgainDoesNotLengthenTheCeremony() {
        TenantRealm realm = PasskeySignIn.realm("passkey-reload", false, Map.of());
        assertThat(realm.keycloak().admin().put("/" + realm.name() + "/authentication/required-actions/sfo-passkey-enrol/config",
                Map.of("config", Map.of("max_auth_age", "600"))).status()).isEqualTo(204);
        EntraUser user = realm.newUser();
        PasskeySignIn.askToRegisterAKey(realm, user);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.CTAP2_NON_RESIDENT_WITHOUT_USER_VERIFICATION.pluggedInto(chromium.driver());
            AuthorizationRequest request = PasskeySignIn.otpThenRegistrationPage(chromium, realm, user);

            try (KeycloakClock later = KeycloakClock.movedForward(Duration.ofSeconds(150))) {
                WebElement shown = chromium.driver().findElement(REGISTER_BUTTON);
                chromium.driver().navigate().refresh();
                chromium.waiting().until(ExpectedConditions.stalenessOf(shown));
                PasskeySignIn.awaitOrExplain(chromium, REGISTER_BUTTON);
            }
            try (KeycloakClock later = KeycloakClock.movedForward(Duration.ofSeconds(200))) {
                WebElement shown = chromium.driver().findElement(REGISTER_BUTTON);
                PasskeySignIn.register(chromium, "Late key");
                chromium.waiting().until(ExpectedConditions.stalenessOf(shown));
                PasskeySignIn.awaitOrExplain(chromium, REGISTER_BUTTON);
                assertThat(PasskeySignIn.keyLabels(realm, user)).as("no key from a ceremony past its time").isEmpty();

                PasskeySignIn.register(chromium, "Key of the new ceremony");
                assertThat(validate(PasskeySignIn.answer(chromium), realm, request, user.subject()).claims()).containsEntry("amr", List.of("otp"));
            }
            assertThat(PasskeySignIn.keyLabels(realm, user)).containsExactly("Key of the new ceremony");
        }
    }
}
