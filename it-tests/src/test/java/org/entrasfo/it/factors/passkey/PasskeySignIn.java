package org.entrasfo.it.factors.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.TenantRealm;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The steps of a passkey sign-in in Chromium that the passkey tests share. */
final class PasskeySignIn {

    static final By OTP_FIELD = By.id("otp");
    static final By REGISTER_BUTTON = By.id("registerWebAuthn");
    static final By SIGN_IN_WITH_KEY = By.id("authenticateWebAuthnButton");

    private PasskeySignIn() {
    }

    /** A tenant realm with OTP and the passkey factor; {@code residentKeys}: the realm asks keys to keep the credential. */
    static TenantRealm realm(String prefix, boolean residentKeys, Map<String, Object> passkeySettings) {
        Map<String, Object> settings = new java.util.HashMap<>(passkeySettings);
        settings.put("residentKey", residentKeys ? "required" : "discouraged");
        return TenantRealm.create(prefix + "-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-passkey"), "passkey", settings));
    }

    /** An admin asks the user to register a key; the user does so right after the next factor they pass. */
    static void askToRegisterAKey(TenantRealm realm, EntraUser user) {
        assertThat(realm.keycloak().admin().put("/" + realm.name() + "/users/" + realm.userId(user),
                Map.of("requiredActions", List.of("sfo-passkey-enrol"))).status()).isEqualTo(204);
    }

    /** Entra's request, the OTP page, a right code: then the registration page of the key. */
    static AuthorizationRequest otpThenRegistrationPage(AdminConsole chromium, TenantRealm realm, EntraUser user) {
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), request.formParameters(), OTP_FIELD);
        chromium.driver().findElement(OTP_FIELD).sendKeys(user.nextCode());
        chromium.driver().findElement(By.cssSelector("#sfo-otp-form [type=submit]")).click();
        awaitOrExplain(chromium, REGISTER_BUTTON);
        return request;
    }

    /** Registers the plugged-in key under {@code name} (Keycloak's page asks for it in a prompt). */
    static void register(AdminConsole chromium, String name) {
        chromium.driver().findElement(REGISTER_BUTTON).click();
        Alert prompt = chromium.waiting().until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys(name);
        prompt.accept();
    }

    /** A new user of the realm who registered the plugged-in key as {@code name} right after OTP, in Entra's transaction. */
    static EntraUser userWithARegisteredKey(AdminConsole chromium, TenantRealm realm, String name) {
        EntraUser user = realm.newUser();
        registerAKeyAfterOtp(chromium, realm, user, name);
        return user;
    }

    /** The user registers the plugged-in key as {@code name} right after their OTP code, in an Entra transaction. */
    static void registerAKeyAfterOtp(AdminConsole chromium, TenantRealm realm, EntraUser user, String name) {
        askToRegisterAKey(realm, user);
        otpThenRegistrationPage(chromium, realm, user);
        register(chromium, name);
        answer(chromium);
    }

    /** Entra's request up to the passkey page. */
    static AuthorizationRequest passkeyPage(AdminConsole chromium, TenantRealm realm, EntraUser user) {
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), request.formParameters(), SIGN_IN_WITH_KEY);
        return request;
    }

    static void awaitOrExplain(AdminConsole chromium, By expected) {
        try {
            chromium.await(expected);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + expected + " on " + chromium.driver().getCurrentUrl() + ", screenshot "
                    + chromium.screenshot("passkey-unexpected-page") + ", page:\n"
                    + chromium.driver().findElement(By.tagName("body")).getText(), e);
        }
    }

    /** The page text once Keycloak answered the ceremony with a refusal page. */
    static String refusalText(AdminConsole chromium, String expectedText) {
        try {
            chromium.waiting().until(d -> d.findElement(By.tagName("body")).getText().contains(expectedText));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no '" + expectedText + "' on " + chromium.driver().getCurrentUrl() + ", screenshot "
                    + chromium.screenshot("passkey-no-refusal") + ", page:\n" + chromium.driver().getPageSource(), e);
        }
        return chromium.waiting().until(d -> d.findElement(By.tagName("body")).getText());
    }

    static List<String> keyLabels(TenantRealm realm, EntraUser user) {
        List<String> labels = new java.util.ArrayList<>();
        realm.keycloak().admin().get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials")
                .forEach(c -> { if ("webauthn".equals(c.path("type").asText())) labels.add(c.path("userLabel").asText()); });
        return labels;
    }

    static FormPost answer(AdminConsole chromium) {
        return chromium.capturedEntraPost();
    }
}
