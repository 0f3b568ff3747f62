package org.entrasfo.it.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.util.Map;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraAssertions;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.OurPages;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/**
 * Every page of ours names who is signing in as Entra knows them (display name and UPN of the validated hint), never
 * by Keycloak's username, and its Cancel answers Entra with {@code access_denied} through Keycloak's flow.
 */
class SigningInPagesIT {

    private static final String NAME = "Test User";

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

    private static void assertSigningInAs(Browser.Page page, EntraUser user) {
        assertThat(page.document().getElementById("sfo-signing-in-name")).as("who is signing in").isNotNull();
        assertThat(page.document().getElementById("sfo-signing-in-name").text()).isEqualTo(NAME);
        assertThat(page.document().getElementById("sfo-signing-in-account").text()).isEqualTo(user.username() + "@contoso.example");
    }
}
