package org.entrasfo.it.factors.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
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
        withDefaultRoles(realm, user);
        Browser browser = newBrowser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page enrolment = send(browser, realm, request);
        PushDevice first = PushApprovalIT.newDevice("Ward phone");
        first.enrol(PushApprovalIT.enrolmentLinkOn(enrolment), null);
        answerOf(browser.submit(enrolment, PushApprovalIT.PUSH_FORM, Map.of("sfo-push-action", "check")));

        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String accountUrl = realm.keycloak().realmUrl(realm.name()) + "/account/";
        Browser.Page setUp = browser.get(URI.create(realm.keycloak().realmUrl(realm.name()) + "/protocol/openid-connect/auth"
                + "?client_id=account-console&response_type=code&response_mode=query&scope=openid"
                + "&redirect_uri=" + enc(accountUrl) + "&state=s1&kc_action=sfo-push-enrol"
                + "&code_challenge_method=S256&code_challenge=" + challengeOf(verifier)));
        PushDevice second = PushApprovalIT.newDevice("Desk tablet");
        second.enrol(PushApprovalIT.enrolmentLinkOn(setUp), null);
        Browser.Page back = browser.submit(setUp, PushApprovalIT.PUSH_FORM, Map.of("sfo-push-action", "check"));

        assertThat(back.uri().toString()).startsWith(accountUrl).contains("kc_action_status=success");
        String token = accountToken(realm, back.uri(), verifier, accountUrl);
        JsonNode devices = accountCredentials(realm, token);
        assertThat(devices.path("type").asText()).isEqualTo("sfo-push-device");
        assertThat(devices.path("createAction").asText()).isEqualTo("sfo-push-enrol");
        List<String> labels = new java.util.ArrayList<>();
        devices.path("userCredentialMetadatas").forEach(m -> labels.add(m.path("credential").path("userLabel").asText()));
        assertThat(labels).containsExactlyInAnyOrder("Ward phone", "Desk tablet");
        devices.path("userCredentialMetadatas").forEach(m ->
                assertThat(m.path("infoMessage").path("key").asText()).startsWith("sfoPushDevice"));

        // The Account Console removes a credential through Keycloak's delete_credential action, after a confirmation.
        Browser.Page confirm = browser.get(URI.create(realm.keycloak().realmUrl(realm.name()) + "/protocol/openid-connect/auth"
                + "?client_id=account-console&response_type=code&response_mode=query&scope=openid"
                + "&redirect_uri=" + enc(accountUrl) + "&state=s2&kc_action=delete_credential:" + first.credentialId()
                + "&code_challenge_method=S256&code_challenge=" + challengeOf(verifier)));
        assertThat(confirm.text()).as(confirm.text()).contains("Ward phone");
        Browser.Page removed = browser.submit(confirm, "form", Map.of("accept", "Delete"));
        assertThat(removed.uri().toString()).contains("kc_action_status=success");
        PushDevice.Answer refused = first.request("poll").post("/sfo-push/device/requests");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(PushApprovalIT.deviceCredentials(realm, user)).extracting(c -> c.path("userLabel").asText())
                .containsExactly("Desk tablet");
    }

    /** Test users are imported, which skips the realm's default roles; a user made in the admin console has them. */
    private static void withDefaultRoles(TenantRealm realm, EntraUser user) {
        var admin = realm.keycloak().admin();
        String id = realm.userId(user);
        JsonNode defaultRoles = admin.get("/" + realm.name() + "/roles/default-roles-" + realm.name());
        assertThat(admin.post("/" + realm.name() + "/users/" + id + "/role-mappings/realm", List.of(defaultRoles)).status()).isEqualTo(204);
    }

    private static String accountToken(TenantRealm realm, URI redirect, String verifier, String redirectUri) throws Exception {
        String code = java.util.Arrays.stream(redirect.getQuery().split("&")).filter(p -> p.startsWith("code="))
                .map(p -> p.substring(5)).findFirst().orElseThrow(() -> new AssertionError("no code in " + redirect));
        String form = "grant_type=authorization_code&client_id=account-console&code=" + enc(code)
                + "&redirect_uri=" + enc(redirectUri) + "&code_verifier=" + enc(verifier);
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(URI.create(realm.keycloak().realmUrl(realm.name())
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
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

    private static String challengeOf(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
