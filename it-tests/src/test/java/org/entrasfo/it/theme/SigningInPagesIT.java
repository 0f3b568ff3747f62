package org.entrasfo.it.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraAssertions;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.OurPages;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every page of ours names who is signing in as Entra knows them (display name and UPN of the validated hint), never
 * by Keycloak's username, and its Cancel answers Entra with {@code access_denied} through Keycloak's flow.
 */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class SigningInPagesIT {

    private static final String NAME = "Test User";
    private static final String TRY_ANOTHER_WAY = "#kc-select-try-another-way-form";
    private static TenantRealm choiceRealm;

    /** A realm with two factors, so that Keycloak shows its own factor choice page. */
    private static synchronized TenantRealm choiceRealm() {
        if (choiceRealm == null) {
            choiceRealm = TenantRealm.create("pages-choice-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                    Map.of("factors", List.of("sfo-otp", "sfo-sms-code")))
                    .configure("sfo-sms-code", Map.of("twilioAccountSid", KeycloakUnderTest.TWILIO_ACCOUNT_SID,
                            "twilioAuthToken", KeycloakUnderTest.TWILIO_AUTH_TOKEN, "twilioFrom", "+15005550006"));
        }
        return choiceRealm;
    }

    /** The OTP page of a user with a token and a phone, then Keycloak's factor choice page. */
    private static OurPages.Opened factorChoicePage() {
        TenantRealm realm = choiceRealm();
        EntraUser user = realm.newUser(false);
        KeycloakUnderTest.keycloak().admin().setUserAttributes(realm.name(), user.username(),
                Map.of("phoneNumber", List.of(TenantRealm.newMobile())));
        OurPages.Opened otp = OurPages.open(realm, user);
        Browser.Page choices = otp.browser().submit(otp.page(), TRY_ANOTHER_WAY, Map.of("tryAnotherWay", "on"));
        assertThat(choices.document().getElementById("sfo-factor-list")).as(choices.text()).isNotNull();
        return new OurPages.Opened(otp.browser(), choices, realm, user, otp.request());
    }

    @Test
    void theOtpPageNamesTheUserByTheHintsDisplayNameAndUpn() {
        OurPages.Opened otp = OurPages.otpPage();

        assertSigningInAs(otp.page(), otp.user());
    }

    @Test
    void theCodeAndEnrolmentPagesNameTheUserToo() {
        OurPages.Opened code = OurPages.codePage();
        assertSigningInAs(code.page(), code.user());

        OurPages.Opened enrolment = OurPages.otpEnrolmentPage();
        assertSigningInAs(enrolment.page(), enrolment.user());
    }

    /** The name is Entra's, signed; markup in it is still text on the page, never HTML or script. */
    @Test
    void markupInTheHintsDisplayNameIsShownAsTextNotRun() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        EntraUser user = realm.newUser();
        String markup = "<img src=x onerror=alert(1)>\"Eve";
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user)
                .user(user.objectId(), user.subject(), user.username() + "@contoso.example", markup).sign());

        Browser.Page page = send(newBrowser(), realm, request);

        assertThat(page.document().getElementById("sfo-signing-in-name").text()).isEqualTo(markup);
        assertThat(page.document().select("#sfo-signing-in img")).isEmpty();
        assertThat(page.body()).doesNotContain("<img src=x").doesNotContain(request.get("id_token_hint"));
    }

    @Test
    void cancelOnTheOtpPageAnswersEntraWithAccessDeniedAndAnEvent() {
        OurPages.Opened otp = OurPages.otpPage();

        Browser.Page answer = otp.browser().submit(otp.page(), OurPages.OTP_FORM, Map.of("cancel", "true"));

        EntraAssertions.assertErrorPostedToEntra(answer, otp.realm(), otp.request(), "access_denied", "sfo_user_gave_up");
    }

    @Test
    void cancelOnTheOtpEnrolmentPageAnswersEntraWithAccessDeniedAndSetsNothingUp() {
        OurPages.Opened enrolment = OurPages.otpEnrolmentPage();

        Browser.Page answer = enrolment.browser().submit(enrolment.page(), OurPages.OTP_ENROL_FORM, Map.of("cancel", "true"));

        EntraAssertions.assertErrorPostedToEntra(answer, enrolment.realm(), enrolment.request(), "access_denied", "sfo_user_gave_up");
        assertThat(enrolment.realm().keycloak().admin().get("/" + enrolment.realm().name() + "/users/"
                + enrolment.realm().userId(enrolment.user()) + "/credentials").findValuesAsText("type")).doesNotContain("otp");
    }

    /**
     * A Cancel posted after the factor passed finds the transaction finished: Keycloak's own "already logged in" answer,
     * never a token and never a cancellation of this transaction (no event of ours for it).
     */
    @Test
    void aCancelAfterTheFactorPassedGetsNoAnswerToEntra() {
        OurPages.Opened otp = OurPages.otpPage();
        Browser.Page passed = otp.browser().submit(otp.page(), OurPages.OTP_FORM, Map.of("otp", otp.user().nextCode()));
        assertThat(EntraRoundTrip.answerOf(passed).fields()).containsKey("id_token");

        Browser.Page late = otp.browser().submit(otp.page(), OurPages.OTP_FORM, Map.of("cancel", "true"));

        assertThat(late.formPost().map(post -> post.fields().keySet()).orElse(java.util.Set.of())).doesNotContain("id_token", "code");
        assertThat(late.body()).doesNotContain("id_token");
        assertThat(EntraRoundTrip.eventOf(otp.realm(), otp.request(), "LOGIN_ERROR")).isEmpty();
    }

    /** Keycloak renders the choice page itself; the product's page rendering gives it who is signing in too. */
    @Test
    void theFactorChoicePageRenderedByKeycloakNamesTheUserToo() {
        OurPages.Opened choices = factorChoicePage();

        assertSigningInAs(choices.page(), choices.user());
        assertThat(choices.page().document().select("#sfo-signing-in")).as("shown once").hasSize(1);
    }

    /**
     * Keycloak's username box holds a Keycloak username, and its restart link throws Entra's transaction away: neither
     * is in the page at all (not hidden), on our pages and on Keycloak's choice page.
     */
    @Test
    void noPageHasKeycloaksUsernameBoxOrTheRestartLink() {
        OurPages.Opened choices = factorChoicePage();
        OurPages.Opened otp = OurPages.otpPage();
        OurPages.Opened code = OurPages.codePage();

        for (Browser.Page page : List.of(choices.page(), otp.page(), code.page())) {
            assertThat(page.document().getElementById("reset-login")).as("restart button on:\n%s", page.text()).isNull();
            assertThat(page.document().getElementById("kc-attempted-username")).as("username box").isNull();
            assertThat(page.document().select("a[href*=login-actions/restart], [onclick*=login-actions/restart], "
                    + "form[action*=login-actions/restart]")).as("a link or button that restarts the flow").isEmpty();
            assertThat(page.document().select("#sfo-signing-in")).as("the banner in their place").hasSize(1);
        }
    }

    /** Cancel on Keycloak's factor choice page ends the transaction as on our pages: access_denied and an event. */
    @Test
    void cancelOnTheFactorChoicePageAnswersEntraWithAccessDeniedAndAnEvent() {
        OurPages.Opened choices = factorChoicePage();

        Browser.Page answer = choices.browser().submit(choices.page(), "#sfo-choose-factor-cancel-form", Map.of("sfo-cancel-choice", "true"));

        EntraAssertions.assertErrorPostedToEntra(answer, choices.realm(), choices.request(), "access_denied", "sfo_user_gave_up");
    }

    /**
     * The choice page's Cancel does not move the flow on to another factor or past the factor: the transaction is over,
     * and a right code posted afterwards on the page that was left gets no token.
     */
    @Test
    void cancelOnTheFactorChoicePageCannotBeUsedToSkipTheFactor() {
        TenantRealm realm = choiceRealm();
        EntraUser user = realm.newUser(false);
        KeycloakUnderTest.keycloak().admin().setUserAttributes(realm.name(), user.username(),
                Map.of("phoneNumber", List.of(TenantRealm.newMobile())));
        OurPages.Opened otp = OurPages.open(realm, user);
        Browser.Page choices = otp.browser().submit(otp.page(), TRY_ANOTHER_WAY, Map.of("tryAnotherWay", "on"));
        Browser.Page answer = otp.browser().submit(choices, "#sfo-choose-factor-cancel-form", Map.of("sfo-cancel-choice", "true"));
        assertThat(EntraRoundTrip.answerOf(answer).fields()).doesNotContainKey("id_token");

        Browser.Page late = otp.browser().submit(otp.page(), OurPages.OTP_FORM, Map.of("otp", user.nextCode()));

        assertThat(late.formPost().map(post -> post.fields().keySet()).orElse(java.util.Set.of())).doesNotContain("id_token", "code");
        assertThat(late.body()).doesNotContain("id_token");
    }

    private static void assertSigningInAs(Browser.Page page, EntraUser user) {
        assertThat(page.document().getElementById("sfo-signing-in-name")).as("who is signing in").isNotNull();
        assertThat(page.document().getElementById("sfo-signing-in-name").text()).isEqualTo(NAME);
        assertThat(page.document().getElementById("sfo-signing-in-account").text()).isEqualTo(user.username() + "@contoso.example");
    }
}
