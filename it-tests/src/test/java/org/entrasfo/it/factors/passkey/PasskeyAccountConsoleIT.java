package org.entrasfo.it.factors.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.it.support.VirtualSecurityKey;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

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
        var admin = realm.keycloak().admin();
        JsonNode defaultRoles = admin.get("/" + realm.name() + "/roles/default-roles-" + realm.name());
        assertThat(admin.post("/" + realm.name() + "/users/" + realm.userId(user) + "/role-mappings/realm", List.of(defaultRoles))
                .status()).isEqualTo(204);
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            VirtualSecurityKey.U2F.pluggedInto(chromium.driver());
            PasskeySignIn.askToRegisterAKey(realm, user);
            PasskeySignIn.otpThenRegistrationPage(chromium, realm, user);
            PasskeySignIn.register(chromium, "Ward key");
            PasskeySignIn.answer(chromium);
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

    /** The address the browser was sent to (the account console's page may rewrite its own address afterwards). */
    private static String navigatedTo(org.openqa.selenium.WebDriver driver) {
        Object name = ((JavascriptExecutor) driver).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.name : location.href;");
        return String.valueOf(name);
    }
}
