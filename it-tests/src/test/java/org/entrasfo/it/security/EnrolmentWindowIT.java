package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/**
 * The enrolment window is for users without a usable factor. Whoever holds only Entra's first factor of a user who
 * has a factor cannot, while a window is open, choose "Try another way" and enrol a factor of their own instead.
 */
class EnrolmentWindowIT {

    private static final KeycloakAdmin ADMIN = KeycloakUnderTest.keycloak().admin();

    @Test
    void aUserWithAFactorCannotSwapInANewOneThroughAnOpenEnrolmentWindow() {
        TenantRealm realm = TenantRealm.create("window-swap-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                        Map.of("factors", List.of("sfo-otp", "sfo-push")))
                .configure("sfo-push", Map.of("enrolment", "window"));
        EntraUser victim = realm.newUser();
        ADMIN.setUserAttributes(realm.name(), victim.username(),
                Map.of("sfo_enrolment_until", List.of(Instant.now().plusSeconds(3600).toString())));
        Browser attacker = newBrowser();

        Browser.Page page = send(attacker, realm, realm.requestWith(realm.hintFor(victim).sign()));

        assertThat(asksForOtp(page)).as("the user's own factor, got:\n%s", page.text()).isTrue();
        assertThat(page.document().select("#try-another-way")).as("no other way to offer").isEmpty();
        // Forged: the selection Keycloak's "try another way" page would post, naming the push step.
        String action = page.form("#sfo-otp-form").orElseThrow().absUrl("action");
        Browser.Page forged = attacker.post(URI.create(action), Map.of("authenticationExecution", pushExecutionId(realm)));
        assertThat(forged.document().select("#sfo-push-enrol-link")).as("no enrolment page:\n%s", forged.text()).isEmpty();
        assertThat(forged.body()).doesNotContain("/sfo-push/app/#enrol=");
        assertThat(ADMIN.get("/" + realm.name() + "/users/" + realm.userId(victim) + "/credentials"))
                .extracting(c -> c.path("type").asText()).containsExactly("otp");
    }

    /**
     * A shared ward PC still holds the user's SSO session when the admin removes their lost token and opens a window for
     * a new one. The next person at the PC starts an Account Console action (which asks for a factor again): a cookie
     * is not Entra's first factor of just now, so no factor of theirs is enrolled.
     */
    @Test
    void anSsoCookieLeftOnASharedWorkstationEnrolsNoFactorThroughAnOpenWindow() {
        TenantRealm realm = TenantRealm.create("window-cookie-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                        Map.of("factors", List.of("sfo-otp", "sfo-passkey")))
                .configure("sfo-otp", Map.of("enrolment", "window"))
                .configure("sfo-passkey", Map.of("enrolment", "window"));
        EntraUser user = realm.newUser();
        Browser shared = newBrowser();
        assertThat(EntraRoundTrip.signIn(shared, realm, user, realm.requestWith(realm.hintFor(user).sign())).fields()).containsKey("id_token");
        String credentials = "/" + realm.name() + "/users/" + realm.userId(user) + "/credentials";
        ADMIN.get(credentials).forEach(c -> assertThat(ADMIN.delete(credentials + "/" + c.path("id").asText()).status()).isEqualTo(204));
        ADMIN.setUserAttributes(realm.name(), user.username(), Map.of("sfo_enrolment_until", List.of(Instant.now().plusSeconds(3600).toString())));

        Browser.Page page = RealmApplication.accountConsole(realm).open(shared, Map.of("kc_action", "sfo-passkey-enrol"));

        assertThat(page.form("#sfo-otp-enrol-form")).as("no enrolment on a cookie alone:%n%s", page.text()).isEmpty();
        assertThat(page.document().getElementById("registerWebAuthn")).isNull();
        assertThat(ADMIN.get(credentials)).isEmpty();
        assertThat(ADMIN.events(realm.name(), "LOGIN_ERROR")).anySatisfy(event ->
                assertThat(event.path("details").path("reason").asText()).contains("only inside an Entra transaction"));
    }

    private static String pushExecutionId(TenantRealm realm) {
        for (JsonNode execution : ADMIN.get("/" + realm.name() + "/authentication/flows/entra-second-factor-only/executions")) {
            if ("sfo-push".equals(execution.path("providerId").asText())) {
                return execution.path("id").asText();
            }
        }
        throw new AssertionError("no push step in the flow");
    }
}
