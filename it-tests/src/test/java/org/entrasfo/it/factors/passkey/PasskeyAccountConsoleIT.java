package org.entrasfo.it.factors.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.it.support.VirtualSecurityKey;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * A user's keys are Keycloak WebAuthn credentials: a second key is registered right after the first one passed, and
 * the Account Console lists both by name.
 */
class PasskeyAccountConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void registersASecondKeyAfterTheFirstAndTheAccountConsoleListsBothByName() throws Exception {
        TenantRealm realm = PasskeySignIn.realm("passkey-list", false, Map.of());
        EntraUser user = realm.newUser();
        realm.withDefaultRoles(user);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.U2F.pluggedInto(chromium.driver());
            PasskeySignIn.registerAKeyAfterOtp(chromium, realm, user, "Ward key");
            // The second key after the first one passed.
            PasskeySignIn.askToRegisterAKey(realm, user);
            PasskeySignIn.passkeyPage(chromium, realm, user);
            chromium.driver().findElement(PasskeySignIn.SIGN_IN_WITH_KEY).click();
            PasskeySignIn.awaitOrExplain(chromium, PasskeySignIn.REGISTER_BUTTON);
            PasskeySignIn.register(chromium, "Spare key");
            PasskeySignIn.answer(chromium);

            RealmApplication accountConsole = RealmApplication.accountConsole(realm);
            chromium.driver().get(accountConsole.authorizationUri(Map.of()).toString());
            chromium.waiting().until(d -> navigatedTo(d).startsWith(accountConsole.redirectUri()));
            URI landed = URI.create(navigatedTo(chromium.driver()));
            String code = java.util.Arrays.stream(landed.getQuery().split("&")).filter(p -> p.startsWith("code="))
                    .map(p -> java.net.URLDecoder.decode(p.substring(5), java.nio.charset.StandardCharsets.UTF_8)).findFirst().orElseThrow();
            String token = accountConsole.redeem(code).path("access_token").asText();

            HttpResponse<String> answer = KeycloakUnderTest.keycloak().httpClientBuilder().build().send(HttpRequest.newBuilder(
                            URI.create(realm.keycloak().realmUrl(realm.name()) + "/account/credentials?type=webauthn"))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            List<String> labels = new ArrayList<>();
            JSON.readTree(answer.body()).path(0).path("userCredentialMetadatas")
                    .forEach(m -> labels.add(m.path("credential").path("userLabel").asText()));
            assertThat(labels).containsExactlyInAnyOrder("Ward key", "Spare key");
        }
    }

    /**
     * The Account Console's "Set up Passkey" of a tenant realm leads to our enrolment (Keycloak's own registration is
     * off there): a fresh factor first, and a wrong code registers nothing; then Keycloak's registration page. The key
     * is then listed by name, and removed after a fresh factor (the key itself) and Keycloak's confirmation.
     */
    @Test
    void theAccountConsolesSetUpLinkAsksForAFreshFactorThenRegistersAKeyThatIsListedAndRemovable() {
        TenantRealm realm = PasskeySignIn.realm("passkey-console", false, Map.of());
        EntraUser user = realm.newUser();
        realm.withDefaultRoles(user);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.U2F.pluggedInto(chromium.driver());
            chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()),
                    realm.requestWith(realm.hintFor(user).sign()).formParameters(), PasskeySignIn.OTP_FIELD);
            submitOtp(chromium, user.nextCode());
            assertThat(PasskeySignIn.answer(chromium).fields()).containsKey("id_token");
            RealmApplication.letThisSecondPass();

            chromium.driver().get(realm.keycloak().realmUrl(realm.name()) + "/account/account-security/signing-in");
            WebElement setUp = awaitInConsole(chromium, SET_UP_KEY);
            assertThat(setUp.getText()).startsWith("Set up");
            setUp.click();

            PasskeySignIn.awaitOrExplain(chromium, PasskeySignIn.OTP_FIELD);
            assertThat(chromium.driver().findElements(PasskeySignIn.REGISTER_BUTTON)).as("the factor first").isEmpty();
            submitOtp(chromium, user.wrongCode());
            PasskeySignIn.awaitOrExplain(chromium, PasskeySignIn.OTP_FIELD);
            assertThat(chromium.driver().findElements(PasskeySignIn.REGISTER_BUTTON)).as("a wrong code registers nothing").isEmpty();
            assertThat(PasskeySignIn.keyLabels(realm, user)).isEmpty();
            submitOtp(chromium, user.nextCode());
            PasskeySignIn.awaitOrExplain(chromium, PasskeySignIn.REGISTER_BUTTON);
            PasskeySignIn.register(chromium, "Desk key");

            awaitInConsole(chromium, By.xpath("//*[@data-testid='webauthn/credential-list']//*[contains(., 'Desk key')]"));
            assertThat(PasskeySignIn.keyLabels(realm, user)).containsExactly("Desk key");

            RealmApplication.letThisSecondPass();
            awaitInConsole(chromium, By.xpath("//*[@data-testid='webauthn/credential-list']//*[@data-testrole='remove']")).click();
            PasskeySignIn.awaitOrExplain(chromium, PasskeySignIn.SIGN_IN_WITH_KEY);
            chromium.driver().findElement(PasskeySignIn.SIGN_IN_WITH_KEY).click();
            PasskeySignIn.awaitOrExplain(chromium, CONFIRM_REMOVAL);
            chromium.driver().findElement(CONFIRM_REMOVAL).click();

            awaitInConsole(chromium, By.cssSelector("[data-testid='webauthn/not-set-up']"));
            assertThat(PasskeySignIn.keyLabels(realm, user)).isEmpty();
        }
    }

    /** An ordinary realm (not a tenant realm of ours) keeps Keycloak's own "Set up Passkey": webauthn-register. */
    @Test
    void anOrdinaryRealmsAccountConsoleKeepsKeycloaksOwnKeyRegistration() {
        String name = "ordinary-" + UUID.randomUUID().toString().substring(0, 6);
        var admin = KeycloakUnderTest.keycloak().admin();
        assertThat(admin.post("", Map.of("realm", name, "enabled", true)).status()).isEqualTo(201);
        JsonNode webAuthn = java.util.stream.StreamSupport.stream(admin.get("/" + name + "/authentication/flows/browser/executions")
                .spliterator(), false).filter(e -> "webauthn-authenticator".equals(e.path("providerId").asText())).findFirst().orElseThrow();
        ((com.fasterxml.jackson.databind.node.ObjectNode) webAuthn).put("requirement", "ALTERNATIVE");
        assertThat(admin.put("/" + name + "/authentication/flows/browser/executions", webAuthn).status()).isIn(202, 204);
        assertThat(admin.post("/" + name + "/users", Map.of("username", "nurse", "enabled", true, "email", "nurse@example.org",
                "emailVerified", true, "firstName", "Ada", "lastName", "Nurse", "credentials",
                List.of(Map.of("type", "password", "value", "Pa55-nurse", "temporary", false)))).status()).isEqualTo(201);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            VirtualSecurityKey.U2F.pluggedInto(chromium.driver());
            chromium.driver().get(KeycloakUnderTest.keycloak().realmUrl(name) + "/account/account-security/signing-in");
            chromium.await(By.id("username")).sendKeys("nurse");
            chromium.driver().findElement(By.id("password")).sendKeys("Pa55-nurse");
            chromium.driver().findElement(By.id("kc-login")).click();

            awaitInConsole(chromium, SET_UP_KEY).click();

            PasskeySignIn.awaitOrExplain(chromium, PasskeySignIn.REGISTER_BUTTON);
            assertThat(chromium.driver().getCurrentUrl()).contains("webauthn-register").doesNotContain("sfo-passkey-enrol");
        }
    }

    /**
     * Our factor counts only Keycloak's {@code webauthn} keys: the same key imported for the user as a passwordless
     * credential ({@code webauthn-passwordless}, what Keycloak's passwordless registration or an import makes) is
     * never offered nor accepted as the passkey factor; the user is asked for their OTP.
     */
    @Test
    void aPasswordlessKeyOfTheUserNeverCountsAsThePasskeyFactor() {
        TenantRealm realm = PasskeySignIn.realm("passkey-passwordless", false, Map.of());
        EntraUser user = realm.newUser();
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.U2F.pluggedInto(chromium.driver());
            PasskeySignIn.registerAKeyAfterOtp(chromium, realm, user, "Ward key");
            var admin = realm.keycloak().admin();
            JsonNode key = java.util.stream.StreamSupport.stream(admin.get("/" + realm.name() + "/users/" + realm.userId(user)
                    + "/credentials").spliterator(), false).filter(c -> "webauthn".equals(c.path("type").asText())).findFirst().orElseThrow();
            reimportWithThePasswordlessKey(realm, user, key);
            assertThat(admin.get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials").findValuesAsText("type"))
                    .containsExactlyInAnyOrder("otp", "webauthn-passwordless");

            chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()),
                    realm.requestWith(realm.hintFor(user).sign()).formParameters(), PasskeySignIn.OTP_FIELD);

            assertThat(chromium.driver().findElements(PasskeySignIn.SIGN_IN_WITH_KEY)).as("the passkey factor is not offered").isEmpty();
        }
    }

    /** The user as an import leaves them: the Entra binding, the OTP token, and the key as a passwordless credential. */
    private static void reimportWithThePasswordlessKey(TenantRealm realm, EntraUser user, JsonNode key) {
        Map<String, Object> otp = Map.of("type", "otp", "userLabel", "Key fob", "secretData", "{\"value\":\"" + user.otpSecret() + "\"}",
                "credentialData", "{\"subType\":\"hotp\",\"digits\":6,\"counter\":" + user.counter().get()
                        + ",\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        Map<String, Object> passwordless = Map.of("type", "webauthn-passwordless", "userLabel", "Ward key",
                "credentialData", key.path("credentialData").asText(), "secretData", "{}");
        Map<String, Object> rep = Map.of("username", user.username(), "enabled", true, "email", user.username() + "@example.org",
                "firstName", user.username(), "lastName", "Example", "attributes",
                Map.of("entra_oid", List.of(user.objectId()), "entra_tid", List.of(realm.tenantId())),
                "credentials", List.of(otp, passwordless));
        assertThat(realm.keycloak().admin().post("/" + realm.name() + "/partialImport",
                Map.of("ifResourceExists", "OVERWRITE", "users", List.of(rep))).status()).isEqualTo(200);
    }

    private static final By SET_UP_KEY = By.cssSelector("[data-testid='webauthn/create']");
    private static final By CONFIRM_REMOVAL = By.cssSelector("[name=accept]");

    private static WebElement awaitInConsole(AdminConsole chromium, By element) {
        try {
            return chromium.await(element);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + element + " on " + chromium.driver().getCurrentUrl() + ", screenshot "
                    + chromium.screenshot("passkey-account-console") + ", page:\n"
                    + chromium.driver().findElement(By.tagName("body")).getText(), e);
        }
    }

    private static void submitOtp(AdminConsole chromium, String code) {
        chromium.driver().findElement(PasskeySignIn.OTP_FIELD).sendKeys(code);
        chromium.driver().findElement(By.cssSelector("#sfo-otp-form [type=submit]")).click();
    }

    /** The address the browser was sent to (the account console's page may rewrite its own address afterwards). */
    private static String navigatedTo(org.openqa.selenium.WebDriver driver) {
        Object name = ((JavascriptExecutor) driver).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.name : location.href;");
        return String.valueOf(name);
    }
}
