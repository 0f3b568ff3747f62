package org.entrasfo.it.factors.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.ForgedDeviceRequests;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.pushdevice.PushDevice;
import org.junit.jupiter.api.Test;

/**
 * Devices are Keycloak credentials of the user: after the SFO sign-in (which leaves an SSO session) the user adds a
 * second device from the Account Console through the required action, sees both with their names and last use, and
 * removes one, which then can no longer answer.
 */
class PushDeviceAccountConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addsASecondDeviceFromTheAccountConsoleListsBothAndRemovesOne() throws Exception {
        TenantRealm realm = PushApprovalIT.pushRealm("push-account", Map.of());
        EntraUser user = PushApprovalIT.userWithOpenWindow(realm);
        realm.withDefaultRoles(user);
        Browser browser = newBrowser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page enrolment = send(browser, realm, request);
        PushDevice first = PushApprovalIT.newDevice("Ward phone");
        first.enrol(PushApprovalIT.enrolmentLinkOn(enrolment), null);
        answerOf(browser.submit(enrolment, PushApprovalIT.PUSH_FORM, Map.of("sfo-push-action", "check")));

        RealmApplication accountConsole = RealmApplication.accountConsole(realm);
        String accountUrl = accountConsole.redirectUri();
        // Adding a device is a credential change: the SSO session is not enough, the first device approves first.
        Browser.Page factor = accountConsole.open(browser, Map.of("kc_action", "sfo-push-enrol"));
        Browser.Page setUp = approveOnThePushPage(browser, factor, first);
        PushDevice second = PushApprovalIT.newDevice("Desk tablet");
        second.enrol(PushApprovalIT.enrolmentLinkOn(setUp), null);
        Browser.Page back = browser.submit(setUp, PushApprovalIT.PUSH_FORM, Map.of("sfo-push-action", "check"));

        assertThat(back.uri().toString()).startsWith(accountUrl).contains("kc_action_status=success");
        String token = accountConsole.redeem(accountConsole.codeOn(back).orElseThrow()).path("access_token").asText();
        JsonNode devices = accountCredentials(realm, token);
        assertThat(devices.path("type").asText()).isEqualTo("sfo-push-device");
        assertThat(devices.path("createAction").asText()).isEqualTo("sfo-push-enrol");
        List<String> labels = new java.util.ArrayList<>();
        devices.path("userCredentialMetadatas").forEach(m -> labels.add(m.path("credential").path("userLabel").asText()));
        assertThat(labels).containsExactlyInAnyOrder("Ward phone", "Desk tablet");
        devices.path("userCredentialMetadatas").forEach(m ->
                assertThat(m.path("infoMessage").path("key").asText()).startsWith("sfoPushDevice"));

        // The Account Console removes a credential through Keycloak's delete_credential action, after a fresh factor
        // (the device that stays approves) and a confirmation.
        RealmApplication.letThisSecondPass();
        Browser.Page removal = accountConsole.open(browser, Map.of("kc_action", "delete_credential:" + first.credentialId()));
        Browser.Page confirm = approveOnThePushPage(browser, removal, second);
        assertThat(confirm.text()).as(confirm.text()).contains("Ward phone");
        Browser.Page removed = browser.submit(confirm, "form", Map.of("accept", "Delete"));
        assertThat(removed.uri().toString()).contains("kc_action_status=success");
        PushDevice.Answer refused = ForgedDeviceRequests.request(first, "poll").post("/sfo-push/device/requests");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(PushApprovalIT.deviceCredentials(realm, user)).extracting(c -> c.path("userLabel").asText())
                .containsExactly("Desk tablet");
    }

    /** The fresh factor Keycloak asks for before a credential change: the push page, approved on the device. */
    private static Browser.Page approveOnThePushPage(Browser browser, Browser.Page pushPage, PushDevice device) {
        String number = pushPage.document().select("#sfo-push-number").text();
        assertThat(number).as("a push approval first, got:\n%s", pushPage.text()).matches("\\d\\d");
        String challenge = PushApprovalIT.pendingChallengeOf(device);
        assertThat(device.approve(challenge, Integer.parseInt(number)).status()).isEqualTo(200);
        return browser.submit(pushPage, PushApprovalIT.PUSH_FORM, Map.of("sfo-push-action", "check"));
    }

    private static JsonNode accountCredentials(TenantRealm realm, String token) throws Exception {
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(URI.create(realm.keycloak().realmUrl(realm.name())
                        + "/account/credentials?type=sfo-push-device")).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s with token %s", response.body(), response.headers().map(),
                new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body()).path(0);
    }

    private static HttpClient http() {
        return KeycloakUnderTest.keycloak().httpClientBuilder().build();
    }
}
