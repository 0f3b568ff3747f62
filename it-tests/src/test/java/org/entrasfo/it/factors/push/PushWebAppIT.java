package org.entrasfo.it.factors.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The realm's own web app as the user's device, in a second headless Chromium: it enrols from the QR code's link
 * (poll mode: no push service answers here), then shows the sign-in request and approves it with the number the
 * sign-in page shows, which continues by itself to the id_token for Entra.
 */
class PushWebAppIT {

    @Test
    void theWebAppEnrolsAndApprovesWithTheNumberTheSignInPageShows() {
        TenantRealm realm = PushApprovalIT.pushRealm("push-web-app", Map.of());
        EntraUser user = PushApprovalIT.userWithOpenWindow(realm);

        try (AdminConsole computer = new AdminConsole(KeycloakUnderTest.keycloak());
             AdminConsole phone = new AdminConsole(KeycloakUnderTest.keycloak())) {
            computer.keepFormPostsToMicrosoft();
            WebDriverWait onPhone = new WebDriverWait(phone.driver(), Duration.ofSeconds(30));

            AuthorizationRequest first = realm.requestWith(realm.hintFor(user).sign());
            computer.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), first.formParameters(), By.id("sfo-push-enrol-qr"));
            String link = computer.driver().findElement(By.id("sfo-push-enrol-link")).getAttribute("href");

            phone.driver().get(link);
            phone.await(By.id("enrol-form"));
            assertThat(phone.driver().getCurrentUrl()).as("the token left the address bar").doesNotContain("enrol=");
            phone.driver().findElement(By.id("device-name")).clear();
            phone.driver().findElement(By.id("device-name")).sendKeys("Phone web app");
            phone.driver().findElement(By.id("enrol-submit")).click();
            onPhone.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "enrolled"));
            assertThat(phone.driver().findElement(By.id("mode")).getText()).contains("poll");
            phone.screenshot("push-web-app-enrolled");
            assertThat(validate(computer.capturedEntraPost(), realm, first, user.subject()).claims())
                    .containsEntry("amr", List.of("swk"));

            AuthorizationRequest second = realm.requestWith(realm.hintFor(user).sign());
            computer.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()), second.formParameters(), By.id("sfo-push-number"));
            String number = computer.driver().findElement(By.id("sfo-push-number")).getText().trim();

            onPhone.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "challenge"));
            assertThat(phone.driver().findElements(By.cssSelector("#choices button"))).hasSize(3);
            assertThat(phone.driver().findElement(By.id("challenge-ip")).getText()).endsWith(".0/24");
            phone.screenshot("push-web-app-request");
            phone.driver().findElement(By.cssSelector("#choices button[data-number='" + number + "']")).click();
            onPhone.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "answered"));
            assertThat(phone.driver().findElement(By.id("status")).getText()).contains("Approved");

            assertThat(validate(computer.capturedEntraPost(), realm, second, user.subject()).claims())
                    .containsEntry("amr", List.of("swk"));
            assertThat(PushApprovalIT.deviceCredentials(realm, user)).extracting(c -> c.path("userLabel").asText())
                    .containsExactly("Phone web app");
        }
    }

    /** The app's directory is its scope (its relative links, its service worker): the bare address leads there. */
    @Test
    void servesTheIndexPageAtTheAppsDirectoryAndRedirectsTheBareAddressThere() throws Exception {
        TenantRealm realm = PushApprovalIT.pushRealm("push-web-app-root", Map.of());
        HttpClient http = KeycloakUnderTest.keycloak().httpClientBuilder().build();
        String app = realm.keycloak().realmUrl(realm.name()) + "/sfo-push/app";

        HttpResponse<String> bare = http.send(HttpRequest.newBuilder(URI.create(app)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(app + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/sfo-push/app/"));
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(index.headers().firstValue("Content-Security-Policy")).isPresent();
    }
}
