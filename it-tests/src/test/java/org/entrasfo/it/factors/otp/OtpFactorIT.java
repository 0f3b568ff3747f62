package org.entrasfo.it.factors.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/** The OTP factor inside an Entra transaction: codes checked by Keycloak's OTP credential, failures audited. */
class OtpFactorIT {

    private final TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);

    @Test
    void showsTheFormAgainAfterAWrongCodeAndAuditsIt() {
        EntraUser user = realm.newUser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();
        Browser.Page otpPage = send(browser, realm, request);

        Browser.Page retry = submitCode(browser, otpPage, user.wrongCode());

        assertThat(asksForOtp(retry)).isTrue();
        assertThat(retry.text()).contains("Invalid authenticator code");
        JsonNode event = eventOf(realm, request, "LOGIN_ERROR").orElseThrow();
        assertThat(event.path("error").asText()).isEqualTo("invalid_user_credentials");
        assertThat(event.path("details").path("factor").asText()).isEqualTo("otp");
        assertThat(answerOf(submitCode(browser, retry, user.nextCode())).fields()).containsKey("id_token");
    }

    @Test
    void acceptsATimeBasedCodeOnlyOnce() {
        EntraUser user = realm.newUser(false);
        String code = user.nextCode();
        Browser first = newBrowser();
        assertThat(answerOf(submitCode(first, send(first, realm, realm.requestWith(realm.hintFor(user).sign())), code)).fields())
                .containsKey("id_token");

        Browser second = newBrowser();
        Browser.Page reused = submitCode(second, send(second, realm, realm.requestWith(realm.hintFor(user).sign())), code);

        assertThat(asksForOtp(reused)).as("the same code is refused the second time").isTrue();
        assertThat(reused.formPost()).isEmpty();
    }

    @Test
    void locksTheUserOutAfterRepeatedWrongCodesAsTheRealmSays() {
        TenantRealm strict = TenantRealm.create("strict-tenant-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        KeycloakUnderTest.keycloak().admin().put("/" + strict.name(), Map.of("bruteForceProtected", true, "failureFactor", 3,
                "waitIncrementSeconds", 600, "maxFailureWaitSeconds", 900, "quickLoginCheckMilliSeconds", 1));
        EntraUser user = strict.newUser();
        Browser browser = newBrowser();
        Browser.Page page = send(browser, strict, strict.requestWith(strict.hintFor(user).sign()));
        for (int i = 0; i < 3; i++) {
            page = submitCode(browser, page, user.wrongCode());
        }

        AuthorizationRequest lockedRequest = strict.requestWith(strict.hintFor(user).sign());
        Browser.Page locked = submitCode(browser, send(browser, strict, lockedRequest), user.nextCode());

        assertThat(locked.formPost()).as("no token while locked out").isEmpty();
        // Keycloak deliberately words a lock-out like a wrong code; the event tells the admin the truth.
        assertThat(locked.text()).contains("Invalid authenticator code");
        assertThat(eventOf(strict, lockedRequest, "LOGIN_ERROR").orElseThrow().path("error").asText())
                .isEqualTo("user_temporarily_disabled");
    }

    @Test
    void refusesAUserWithoutAnyFactorAndTellsEntra() {
        String oid = UUID.randomUUID().toString();
        KeycloakUnderTest.keycloak().admin().createEntraUser(realm.name(), "nofactor-" + oid.substring(0, 6), oid, realm.tenantId(), null, false);
        AuthorizationRequest request = realm.requestWith(KeycloakUnderTest.simulator().hint().tenant(MicrosoftCloud.GLOBAL, realm.tenantId())
                .audience(realm.appId()).user(oid, "sub-" + oid, "nofactor@contoso.example", "No Factor").sign());

        assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, "access_denied", "sfo_no_usable_factor");
    }
}
