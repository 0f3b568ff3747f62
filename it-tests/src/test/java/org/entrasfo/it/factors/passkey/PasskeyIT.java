package org.entrasfo.it.factors.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.factors.passkey.PasskeySignIn.SIGN_IN_WITH_KEY;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakClock;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.it.support.VirtualSecurityKey;
import org.entrasfo.it.support.WcagCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * Passkeys and security keys in headless Chromium with Chromium's virtual authenticator: a key is registered only
 * right after a factor of the same user passed (here OTP, in Entra's transaction), the next Entra sign-in is the key
 * alone and Entra accepts the id_token with amr {@code fido}; a key of another user and a registration without a
 * fresh factor are refused with a page, an event and no id_token.
 */
// Runs alone: it moves Keycloak's clock, which every other class reads.
@Isolated
class PasskeyIT {

    @ParameterizedTest
    @EnumSource(VirtualSecurityKey.class)
    void registersAKeyAfterOtpThenSignsInWithTheKeyAloneAndEntraAcceptsAmrFido(VirtualSecurityKey kind) {
        TenantRealm realm = PasskeySignIn.realm("passkey", kind.resident(), Map.of());
        EntraUser user = realm.newUser();
        PasskeySignIn.askToRegisterAKey(realm, user);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualAuthenticator key = kind.pluggedInto(chromium.driver());

            AuthorizationRequest first = PasskeySignIn.otpThenRegistrationPage(chromium, realm, user);
            assertThat(chromium.driver().findElement(By.id("sfo-signing-in-name")).getText()).isEqualTo("Test User");
            WcagCheck.assertNoViolations(chromium, "factor-passkey-registration-page");
            PasskeySignIn.register(chromium, "Ward key " + kind);
            assertThat(validate(PasskeySignIn.answer(chromium), realm, first, user.subject()).claims()).containsEntry("amr", List.of("otp"));
            assertThat(PasskeySignIn.keyLabels(realm, user)).containsExactly("Ward key " + kind);
            assertThat(key.getCredentials()).hasSize(1).allMatch(c -> c.isResidentCredential() == kind.resident());

            AuthorizationRequest second = PasskeySignIn.passkeyPage(chromium, realm, user);
            // Keycloak's own passkey page, in the product's theme: who is signing in, no username box, no restart link.
            assertThat(chromium.driver().findElement(By.id("sfo-signing-in-name")).getText()).isEqualTo("Test User");
            assertThat(chromium.driver().findElements(By.id("reset-login"))).isEmpty();
            assertThat(chromium.driver().findElements(By.id("kc-attempted-username"))).isEmpty();
            WcagCheck.assertNoViolations(chromium, "factor-passkey-page");
            chromium.driver().findElement(SIGN_IN_WITH_KEY).click();

            assertThat(validate(PasskeySignIn.answer(chromium), realm, second, user.subject()).claims()).containsEntry("amr", List.of("fido"));
        }
    }

    /**
     * One roaming key on a shared workstation, used by two clinicians: each registered their own credential on it and
     * each signs in as themselves. A credential of the first clinician offered in the second's sign-in (the page's list
     * of allowed keys emptied, so the key answers with whichever credential it holds) is refused by the server.
     */
    @Test
    void cliniciansSharingOneKeyEachSignInAsThemselvesAndAKeyOfAnotherUserIsRefused() {
        TenantRealm realm = PasskeySignIn.realm("passkey-shared", true, Map.of());
        EntraUser anna = realm.newUser();
        EntraUser ben = realm.newUser();
        PasskeySignIn.askToRegisterAKey(realm, anna);
        PasskeySignIn.askToRegisterAKey(realm, ben);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualAuthenticator key = VirtualSecurityKey.CTAP2_RESIDENT_WITH_USER_VERIFICATION.pluggedInto(chromium.driver());
            for (EntraUser clinician : List.of(anna, ben)) {
                PasskeySignIn.otpThenRegistrationPage(chromium, realm, clinician);
                PasskeySignIn.register(chromium, "Ward 3 key");
                PasskeySignIn.answer(chromium);
            }
            for (EntraUser clinician : List.of(anna, ben)) {
                AuthorizationRequest request = PasskeySignIn.passkeyPage(chromium, realm, clinician);
                chromium.driver().findElement(SIGN_IN_WITH_KEY).click();
                assertThat(validate(PasskeySignIn.answer(chromium), realm, request, clinician.subject()).claims())
                        .containsEntry("amr", List.of("fido"));
            }

            VirtualSecurityKey.credentialsOf(key, realm.userId(ben)).forEach(c -> key.removeCredential(c.getId()));
            AuthorizationRequest asBen = PasskeySignIn.passkeyPage(chromium, realm, ben);
            ((JavascriptExecutor) chromium.driver()).executeScript("document.getElementById('authn_select').remove()");
            chromium.driver().findElement(SIGN_IN_WITH_KEY).click();

            String page = PasskeySignIn.refusalText(chromium, "not registered to your account");
            assertThat(chromium.driver().findElements(By.id("try-another-way"))).as("a way to another factor").hasSize(1);
            JsonNode event = eventOf(realm, asBen, "LOGIN_ERROR").orElseThrow();
            assertThat(event.path("error").asText()).isEqualTo("different_user_authenticated");
            assertThat(event.path("details").path("reason").asText()).isEqualTo("key registered to another user");
            assertThat(event.path("details").path("factor").asText()).isEqualTo("passkey");
            assertThat(chromium.driver().getPageSource()).doesNotContain("id_token");
        }
    }

    /**
     * The registration page was shown right after OTP, but the key answers only after the ceremony's three minutes,
     * when the passed factor is no longer fresh: the key is not registered and Entra hears a refusal.
     */
    @Test
    void refusesToRegisterAKeyOnceThePassedFactorIsNoLongerFresh() {
        TenantRealm realm = PasskeySignIn.realm("passkey-stale", false, Map.of());
        EntraUser user = realm.newUser();
        PasskeySignIn.askToRegisterAKey(realm, user);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.CTAP2_NON_RESIDENT_WITHOUT_USER_VERIFICATION.pluggedInto(chromium.driver());
            PasskeySignIn.otpThenRegistrationPage(chromium, realm, user);

            try (KeycloakClock later = KeycloakClock.movedForward(Duration.ofSeconds(200))) {
                PasskeySignIn.register(chromium, "Late key");
                assertThat(PasskeySignIn.answer(chromium).fields()).as("Entra hears a refusal, no token")
                        .containsKey("error").doesNotContainKey("id_token");
            }
            assertThat(PasskeySignIn.keyLabels(realm, user)).isEmpty();
            JsonNode event = realm.keycloak().admin().events(realm.name(), "CUSTOM_REQUIRED_ACTION_ERROR").stream()
                    .filter(e -> "sfo_fresh_factor_required".equals(e.path("error").asText()))
                    .findFirst().orElseThrow();
            assertThat(event.path("details").path("custom_required_action").asText()).isEqualTo("sfo-passkey-enrol");
        }
    }

    /** The user cancels (the key gives no answer): a clear page, another way, an event with the reason; no id_token. */
    @Test
    void aCancelledCeremonyShowsWhyAndAnotherWayAndIsAudited() {
        TenantRealm realm = PasskeySignIn.realm("passkey-cancel", false, Map.of());
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualAuthenticator key = VirtualSecurityKey.CTAP2_NON_RESIDENT_WITHOUT_USER_VERIFICATION.pluggedInto(chromium.driver());
            EntraUser user = PasskeySignIn.userWithARegisteredKey(chromium, realm, "Desk key");

            AuthorizationRequest request = PasskeySignIn.passkeyPage(chromium, realm, user);
            key.removeAllCredentials();
            chromium.driver().findElement(SIGN_IN_WITH_KEY).click();

            PasskeySignIn.refusalText(chromium, "cancelled or took too long");
            assertThat(chromium.driver().findElements(By.id("try-another-way"))).as("a way to another factor").hasSize(1);
            WcagCheck.assertNoViolations(chromium, "factor-passkey-refusal-page");
            JsonNode event = eventOf(realm, request, "LOGIN_ERROR").orElseThrow();
            assertThat(event.path("error").asText()).isEqualTo("sfo_passkey_cancelled");
            assertThat(event.path("details").path("reason").asText()).isEqualTo("ceremony cancelled or timed out in the browser");
        }
    }

    /** A key the admin removed while the page was open is refused by the server: a clear page, an event, no token. */
    @Test
    void refusesAKeyTheAdminRemovedWhileThePageWasOpen() {
        TenantRealm realm = PasskeySignIn.realm("passkey-removed", false, Map.of());
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.U2F.pluggedInto(chromium.driver());
            EntraUser user = PasskeySignIn.userWithARegisteredKey(chromium, realm, "Lost key");

            AuthorizationRequest request = PasskeySignIn.passkeyPage(chromium, realm, user);
            String credentials = "/" + realm.name() + "/users/" + realm.userId(user) + "/credentials";
            realm.keycloak().admin().get(credentials).forEach(c -> {
                if ("webauthn".equals(c.path("type").asText())) {
                    assertThat(realm.keycloak().admin().delete(credentials + "/" + c.path("id").asText()).status()).isEqualTo(204);
                }
            });
            chromium.driver().findElement(SIGN_IN_WITH_KEY).click();

            PasskeySignIn.refusalText(chromium, "not registered to your account");
            assertThat(chromium.driver().getPageSource()).doesNotContain("id_token");
            JsonNode event = eventOf(realm, request, "LOGIN_ERROR").orElseThrow();
            assertThat(event.path("error").asText()).isEqualTo("invalid_user_credentials");
            assertThat(event.path("details").path("reason").asText()).isEqualTo("key not registered to this user (wrong or removed key)");
        }
    }

    /**
     * The realm requires user verification (tightened while the page was open, so the browser did not ask the key for
     * it): an answer without the PIN or fingerprint is refused, and the user reads why.
     */
    @Test
    void refusesAnAnswerWithoutUserVerificationWhenTheRealmRequiresIt() {
        TenantRealm realm = PasskeySignIn.realm("passkey-uv", false, Map.of("userVerification", "discouraged"));
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.CTAP2_NON_RESIDENT_WITHOUT_USER_VERIFICATION.pluggedInto(chromium.driver());
            EntraUser user = PasskeySignIn.userWithARegisteredKey(chromium, realm, "Key without PIN");

            AuthorizationRequest request = PasskeySignIn.passkeyPage(chromium, realm, user);
            // Keycloak takes a WebAuthn policy only whole (with its relying-party name), as the admin console sends it.
            com.fasterxml.jackson.databind.node.ObjectNode policy = (com.fasterxml.jackson.databind.node.ObjectNode)
                    realm.keycloak().admin().get("/" + realm.name());
            policy.put("webAuthnPolicyUserVerificationRequirement", "required");
            assertThat(realm.keycloak().admin().put("/" + realm.name(), policy).status()).isEqualTo(204);
            chromium.driver().findElement(SIGN_IN_WITH_KEY).click();

            PasskeySignIn.refusalText(chromium, "PIN or fingerprint");
            assertThat(chromium.driver().getPageSource()).doesNotContain("id_token");
            JsonNode event = eventOf(realm, request, "LOGIN_ERROR").orElseThrow();
            assertThat(event.path("details").path("reason").asText()).isEqualTo("user verification required but not done");
        }
    }

    /** From the Account Console, with the SSO session an Entra sign-in left, registering a key asks for OTP first. */
    @Test
    void registeringAKeyFromTheAccountConsoleAsksForTheFactorFirst() {
        TenantRealm realm = PasskeySignIn.realm("passkey-account", false, Map.of());
        EntraUser user = realm.newUser();
        Browser browser = EntraRoundTrip.newBrowser();
        assertThat(EntraRoundTrip.signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign())).fields())
                .containsKey("id_token");

        Browser.Page first = RealmApplication.accountConsole(realm).open(browser, Map.of("kc_action", "sfo-passkey-enrol"));

        assertThat(EntraRoundTrip.asksForOtp(first)).as("the factor first, got:\n%s", first.text()).isTrue();
        assertThat(first.document().getElementById("registerWebAuthn")).isNull();
        Browser.Page registration = EntraRoundTrip.submitCode(browser, first, user.nextCode());
        assertThat(registration.document().getElementById("registerWebAuthn")).as(registration.text()).isNotNull();
    }
}
