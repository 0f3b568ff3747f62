package org.entrasfo.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.sendAsGet;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.IdTokenValidator;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Contract 2 to 4 end to end: Entra's request in, one OTP, an id_token Entra accepts out. */
class SecondFactorOnlyFlowIT {

    @ParameterizedTest
    @EnumSource(MicrosoftCloud.class)
    void completesTheTransactionForEachMicrosoftCloud(MicrosoftCloud cloud) {
        TenantRealm realm = TenantRealm.of(cloud);
        EntraUser user = realm.newUser(false);
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        FormPost answer = signIn(newBrowser(), realm, user, request);

        IdTokenValidator.Result result = validate(answer, realm, request, user.subject());
        assertThat(result.violations()).isEmpty();
        assertThat(answer.action().toString()).isEqualTo(cloud.redirectUri());
        assertThat(result.claims()).containsEntry("sub", user.subject())
                .containsEntry("acr", "possessionorinherence")
                .containsEntry("amr", List.of("otp"))
                .containsEntry("oid", user.objectId())
                .containsEntry("tid", realm.tenantId());
    }

    @Test
    void acceptsTheRequestAsGetToo() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        EntraUser user = realm.newUser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page otpPage = sendAsGet(browser, realm, request);
        assertThat(asksForOtp(otpPage)).isTrue();
        FormPost answer = answerOf(submitCode(browser, otpPage, user.nextCode()));

        assertThat(validate(answer, realm, request, user.subject()).violations()).isEmpty();
    }

    @Test
    void acceptsHintsOfTheSizesEntraSends() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        for (int size : new int[]{1700, 2500}) {
            EntraUser user = realm.newUser();
            String hint = realm.hintFor(user).padToLength(size).sign();
            assertThat(hint.length()).isBetween(size - 5, size + 5);
            AuthorizationRequest request = realm.requestWith(hint);

            FormPost answer = signIn(newBrowser(), realm, user, request);

            assertThat(validate(answer, realm, request, user.subject()).violations()).as("hint of %d chars", size).isEmpty();
        }
    }

    @Test
    void returnsALargeStateIntact() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        // 3.5 KB is what Entra sends today; 6 KB proves the server option that lifts Keycloak's 4000-character limit.
        for (int size : new int[]{3500, 6000}) {
            EntraUser user = realm.newUser();
            StringBuilder state = new StringBuilder();
            while (state.length() < size) {
                state.append("rQQIARAA").append(state.length()).append("-_.~%2B");
            }
            AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign()).set("state", state.toString());

            FormPost answer = signIn(newBrowser(), realm, user, request);

            assertThat(answer.field("state")).as("state of %d chars", state.length()).isEqualTo(state.toString());
            assertThat(validate(answer, realm, request, user.subject()).violations()).isEmpty();
        }
    }

    @Test
    void acceptsTheAmrListWithBio() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        EntraUser user = realm.newUser();
        List<String> amr = new ArrayList<>(AuthorizationRequest.STANDARD_AMR);
        amr.add(0, "bio");
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign())
                .set("claims", AuthorizationRequest.claims(List.of("possessionorinherence"), amr));

        FormPost answer = signIn(newBrowser(), realm, user, request);

        IdTokenValidator.Result result = validate(answer, realm, request, user.subject(), List.of("possessionorinherence"), amr);
        assertThat(result.violations()).isEmpty();
        assertThat(result.claims()).containsEntry("amr", List.of("otp"));
    }

    @Test
    void answersWithTheFirstRequestedAcrThatTheFactorSatisfies() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        EntraUser user = realm.newUser();
        List<String> acr = List.of("knowledge", "knowledgeorpossession", "possessionorinherence");
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign())
                .set("claims", AuthorizationRequest.claims(acr, AuthorizationRequest.STANDARD_AMR));

        FormPost answer = signIn(newBrowser(), realm, user, request);

        IdTokenValidator.Result result = validate(answer, realm, request, user.subject(), acr, AuthorizationRequest.STANDARD_AMR);
        assertThat(result.violations()).isEmpty();
        assertThat(result.claims()).containsEntry("acr", "knowledgeorpossession");
    }

    @Test
    void acceptsAHintIssuedInTheExpiredState() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        EntraUser user = realm.newUser();
        Instant iat = Instant.now();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).issuedAt(iat).expiresAt(iat.minusSeconds(1)).sign());

        FormPost answer = signIn(newBrowser(), realm, user, request);

        assertThat(validate(answer, realm, request, user.subject()).violations()).isEmpty();
    }

    @Test
    void auditsTheSuccessWithEntrasCorrelationId() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        EntraUser user = realm.newUser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        signIn(newBrowser(), realm, user, request);

        JsonNode login = eventOf(realm, request, "LOGIN").orElseThrow();
        assertThat(login.path("details").path("entra_tid").asText()).isEqualTo(realm.tenantId());
        assertThat(login.path("details").path("factor").asText()).isEqualTo("otp");
        assertThat(login.path("details").path("amr").asText()).isEqualTo("otp");
        assertThat(login.toString()).doesNotContain(request.get("id_token_hint").split("\\.")[1]);
    }
}
