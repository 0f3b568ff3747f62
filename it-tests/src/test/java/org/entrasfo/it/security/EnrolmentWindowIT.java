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

    private static String pushExecutionId(TenantRealm realm) {
        for (JsonNode execution : ADMIN.get("/" + realm.name() + "/authentication/flows/entra-second-factor-only/executions")) {
            if ("sfo-push".equals(execution.path("providerId").asText())) {
                return execution.path("id").asText();
            }
        }
        throw new AssertionError("no push step in the flow");
    }
}
