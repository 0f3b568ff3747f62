package org.entrasfo.it.factors.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.ReferenceDevices;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.it.support.WcagCheck;
import org.entrasfo.pushdevice.PushDevice;
import org.entrasfo.pushsim.PushServiceStandIn;
import org.entrasfo.pushsim.UserAgentKeys;
import org.entrasfo.pushsim.WebPushDecryption;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The whole push flow as a user lives it (both pages checked against WCAG 2.2 AA on the way): Entra's request opens the page in headless Chromium, the device (the
 * reference client with a Web Push subscription at a local push service) enrols and later approves from a push it
 * decrypts, and the page continues by itself each time, up to the id_token Entra accepts with amr {@code swk}.
 */
class PushApprovalBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void enrolsThenApprovesFromAnEncryptedPushWhileThePageWaitsByItself() throws Exception {
        TenantRealm realm = PushApprovalIT.pushRealm("push-browser", Map.of());
        EntraUser user = PushApprovalIT.userWithOpenWindow(realm);
        PushServiceStandIn pushService = KeycloakUnderTest.pushService();
        String endpoint = pushService.newEndpoint();
        UserAgentKeys subscriptionKeys = UserAgentKeys.generate();
        PushDevice device = PushApprovalIT.newDevice("Phone in Chromium test");

        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();

            AuthorizationRequest first = realm.requestWith(realm.hintFor(user).sign());
            chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), first.formParameters(), By.id("sfo-push-enrol-qr"));
            WcagCheck.assertNoViolations(chromium, "factor-push-enrolment-page");
            String link = ReferenceDevices.enrolmentLink(chromium.driver().findElement(By.id("sfo-push-enrol-link")).getAttribute("href"));
            device.enrol(link, subscriptionKeys.subscriptionJson(endpoint));
            FormPost enrolled = chromium.capturedEntraPost();
            assertThat(validate(enrolled, realm, first, user.subject()).claims()).containsEntry("amr", List.of("swk"));

            AuthorizationRequest second = realm.requestWith(realm.hintFor(user).sign());
            chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), second.formParameters(), By.id("sfo-push-number"));
            WcagCheck.assertNoViolations(chromium, "factor-push-page");
            int shown = Integer.parseInt(chromium.driver().findElement(By.id("sfo-push-number")).getText().trim());
            // A live countdown to the request's expiry, silent for screen readers (not a live region itself).
            assertThat(chromium.driver().findElement(By.id("sfo-push-countdown")).isDisplayed()).isTrue();
            assertThat(chromium.driver().findElement(By.cssSelector("#sfo-push-countdown .sfo-countdown-clock")).getText()).matches("\\d+:[0-5]\\d");
            assertThat(chromium.driver().findElement(By.id("sfo-push-countdown")).getAttribute("aria-live")).isNull();

            PushServiceStandIn.ReceivedPush push = pushService.awaitPush(endpoint, Duration.ofSeconds(15));
            byte[] payload = WebPushDecryption.decrypt(push.body(), subscriptionKeys.keyPair(), subscriptionKeys.authSecret());
            JsonNode message = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            List<String> fields = new java.util.ArrayList<>();
            message.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as("ids only, no personal data").containsExactlyInAnyOrder("v", "type", "realm_url", "challenge", "credential_id");
            assertThat(push.vapidPublicKey()).isEqualTo(device.configuration().path("vapid_public_key").asText());
            assertThat(push.headers()).containsEntry("urgency", "high");

            String challenge = device.challengeIdFromPush(payload);
            assertThat(device.context(challenge).choices()).contains(shown);
            assertThat(device.approve(challenge, shown).body().path("result").asText()).isEqualTo("approved");

            FormPost approved = chromium.capturedEntraPost();
            assertThat(validate(approved, realm, second, user.subject()).claims()).containsEntry("amr", List.of("swk"));
        }
    }
}
