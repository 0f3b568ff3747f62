package org.entrasfo.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.pushdevice.PushDevice;
import org.entrasfo.twiliosim.TwilioStandIn;

/**
 * Every page of ours, reached the way its user reaches it, for the tests that look at all of them at once (headers,
 * forged posts, bad input). Each call starts a new transaction of a new user in its own browser.
 */
public final class OurPages {

    public static final String OTP_FORM = EntraRoundTrip.OTP_FORM;
    public static final String OTP_ENROL_FORM = "#sfo-otp-enrol-form";
    public static final String CODE_FORM = "#sfo-code-form";
    public static final String CODE_ENROL_FORM = "#sfo-enrol-form";
    public static final String PUSH_FORM = "#sfo-push-form";
    public static final String ENTRA_ANSWER_FORM = "#sfo-entra-answer";
    private static final Pattern SMS_CODE = Pattern.compile("\\b(\\d{6})\\b");

    /** A page in a browser, with the realm, user and request of its transaction. */
    public record Opened(Browser browser, Browser.Page page, TenantRealm realm, EntraUser user, AuthorizationRequest request) {
    }

    private static TenantRealm otpEnrolRealm;
    private static TenantRealm smsRealm;
    private static TenantRealm pushRealm;

    private OurPages() {
    }

    public static Opened otpPage() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        return open(realm, realm.newUser());
    }

    /** Keycloak's OTP page would not do: ours, for a user without a token while an enrolment window is open. */
    public static Opened otpEnrolmentPage() {
        TenantRealm realm = otpEnrolRealm();
        return open(realm, realm.newUserWithout2ndFactor(openWindow()));
    }

    /** The code page of the SMS factor; the code went to {@link #mobileOf} through the Twilio stand-in. */
    public static Opened codePage() {
        TenantRealm realm = smsRealm();
        return open(realm, realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(TenantRealm.newMobile()))));
    }

    /** The SMS factor's page where a user without a number types one in. */
    public static Opened codeEnrolmentPage() {
        TenantRealm realm = smsRealm();
        return open(realm, realm.newUserWithout2ndFactor(openWindow()));
    }

    public static Opened pushEnrolmentPage() {
        TenantRealm realm = pushRealm();
        return open(realm, realm.newUserWithout2ndFactor(openWindow()));
    }

    /** The page that waits for the push approval, of a user whose device enrolled in an earlier sign-in. */
    public static Opened pushWaitPage() {
        Opened enrolment = pushEnrolmentPage();
        PushDevice device = ReferenceDevices.generate("phone", KeycloakUnderTest.keycloak().httpClientBuilder().build());
        device.enrol(ReferenceDevices.enrolmentLinkOn(enrolment.page()), null);
        assertThat(answerOf(enrolment.browser().submit(enrolment.page(), PUSH_FORM, Map.of("sfo-push-action", "check"))).fields())
                .containsKey("id_token");
        return open(enrolment.realm(), enrolment.user());
    }

    /** The page that tells a user without any factor why, before its button posts access_denied to Entra. */
    public static Opened explainedRefusalPage() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        return open(realm, realm.newUserWithout2ndFactor(Map.of()));
    }

    /** What the realm's other applications show a browser that has no session: sign in through Entra first. */
    public static Browser.Page signInThroughEntraPage() {
        return RealmApplication.accountConsole(TenantRealm.of(MicrosoftCloud.GLOBAL)).open(newBrowser());
    }

    public static Opened open(TenantRealm realm, EntraUser user) {
        Browser browser = newBrowser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        return new Opened(browser, send(browser, realm, request), realm, user, request);
    }

    /** The phone number of a user made by {@link #codePage}. */
    public static String mobileOf(Opened opened) {
        return KeycloakUnderTest.keycloak().admin().get("/" + opened.realm().name() + "/users/" + opened.realm().userId(opened.user()))
                .path("attributes").path("phoneNumber").path(0).asText();
    }

    public static List<TwilioStandIn.SentMessage> textsTo(String mobile) {
        return KeycloakUnderTest.twilio().messagesTo(mobile);
    }

    public static String lastCodeSentTo(String mobile) {
        List<TwilioStandIn.SentMessage> sent = textsTo(mobile);
        assertThat(sent).as("a text message to %s", mobile).isNotEmpty();
        Matcher code = SMS_CODE.matcher(sent.get(sent.size() - 1).body());
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    private static Map<String, List<String>> openWindow() {
        return Map.of("sfo_enrolment_until", List.of(Instant.now().plusSeconds(3600).toString()));
    }

    private static synchronized TenantRealm otpEnrolRealm() {
        if (otpEnrolRealm == null) {
            otpEnrolRealm = TenantRealm.create("pages-otp-" + suffix(), MicrosoftCloud.GLOBAL, Map.of())
                    .configure("sfo-otp", Map.of("enrolment", "window"));
        }
        return otpEnrolRealm;
    }

    private static synchronized TenantRealm smsRealm() {
        if (smsRealm == null) {
            smsRealm = TenantRealm.create("pages-sms-" + suffix(), MicrosoftCloud.GLOBAL, Map.of("factors", List.of("sfo-sms-code")))
                    .configure("sfo-sms-code", Map.of("twilioAccountSid", KeycloakUnderTest.TWILIO_ACCOUNT_SID,
                            "twilioAuthToken", KeycloakUnderTest.TWILIO_AUTH_TOKEN, "twilioFrom", "+15005550006",
                            "resendCooldownSeconds", "0", "enrolment", "window"));
        }
        return smsRealm;
    }

    private static synchronized TenantRealm pushRealm() {
        if (pushRealm == null) {
            pushRealm = TenantRealm.create("pages-push-" + suffix(), MicrosoftCloud.GLOBAL, Map.of("factors", List.of("sfo-push")))
                    .configure("sfo-push", Map.of("enrolment", "window"));
        }
        return pushRealm;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
