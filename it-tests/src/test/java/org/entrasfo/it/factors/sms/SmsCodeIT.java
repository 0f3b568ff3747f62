package org.entrasfo.it.factors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.IdTokenValidator;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The SMS code factor through the official Twilio SDK, against a stand-in of Twilio's REST API. */
@ResourceLock(TwilioStandIn.LOCK)
class SmsCodeIT {

    private static final String CODE_FORM = "#sfo-code-form";
    private static final String ENROL_FORM = "#sfo-enrol-form";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final String SENDER = "+15005550006";
    private static final String MOBILE = "+4915123456789";

    private static TwilioStandIn twilio;
    private static TenantRealm realm;

    @BeforeAll
    static void realmWithSms() {
        twilio = KeycloakUnderTest.twilio();
        realm = smsRealm("sms-tenant", Map.of("allowedCountries", "DE,AT,CH", "defaultRegion", "DE"));
    }

    @AfterEach
    void twilioBackToNormal() {
        twilio.reset();
    }

    static TenantRealm smsRealm(String prefix, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(Map.of(
                "twilioAccountSid", KeycloakUnderTest.TWILIO_ACCOUNT_SID,
                "twilioAuthToken", KeycloakUnderTest.TWILIO_AUTH_TOKEN,
                "twilioFrom", SENDER,
                "resendCooldownSeconds", "0"));
        config.putAll(settings);
        return TenantRealm.create(prefix + "-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-sms-code"))).configure("sfo-sms-code", config);
    }

    private static EntraUser userWithPhone(TenantRealm realm, String number) {
        return realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(number)));
    }

    private static String codeSentTo(String number) {
        List<TwilioStandIn.SentMessage> sent = twilio.messagesTo(number);
        assertThat(sent).as("messages to %s", number).isNotEmpty();
        Matcher matcher = CODE.matcher(sent.get(sent.size() - 1).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static Browser.Page submitCode(Browser browser, Browser.Page page, String code) {
        return browser.submit(page, CODE_FORM, Map.of("code", code, "verify", "true"));
    }

    @Test
    void sendsTheCodeThroughTwilioAndCompletesTheTransactionWithAmrSms() {
        EntraUser user = userWithPhone(realm, MOBILE);
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page page = send(browser, realm, request);

        assertThat(page.form(CODE_FORM)).as(page.text()).isPresent();
        assertThat(page.text()).contains("We sent a code by text message to +49 ••• 89").doesNotContain(MOBILE);
        TwilioStandIn.SentMessage sms = twilio.messagesTo(MOBILE).get(0);
        assertThat(sms.authorized()).isTrue();
        assertThat(sms.accountSid()).isEqualTo(KeycloakUnderTest.TWILIO_ACCOUNT_SID);
        assertThat(sms.from()).isEqualTo(SENDER);
        assertThat(sms.messagingServiceSid()).isNull();
        assertThat(sms.body()).contains("is your verification code for Test application " + realm.name());

        String code = codeSentTo(MOBILE);
        FormPost answer = answerOf(submitCode(browser, page, code));

        IdTokenValidator.Result result = validate(answer, realm, request, user.subject());
        assertThat(result.violations()).isEmpty();
        assertThat(result.claims()).containsEntry("amr", List.of("sms"));
        JsonNode login = eventOf(realm, request, "LOGIN").orElseThrow();
        assertThat(login.path("details").path("factor").asText()).isEqualTo("sms");
        assertThat(login.path("details").path("amr").asText()).isEqualTo("sms");
        assertThat(login.toString()).doesNotContain(code).doesNotContain(KeycloakUnderTest.TWILIO_AUTH_TOKEN);
    }

    @Test
    void takesTheTwilioTokenFromKeycloaksVault() throws Exception {
        TenantRealm vaulted = smsRealm("sms-vault", Map.of("twilioAuthToken", "${vault.twilio-token}"));
        java.nio.file.Files.writeString(KeycloakUnderTest.vaultDir().resolve(vaulted.name() + "_twilio-token"),
                KeycloakUnderTest.TWILIO_AUTH_TOKEN);
        String mobile = TenantRealm.newMobile();
        EntraUser user = userWithPhone(vaulted, mobile);

        Browser.Page page = send(newBrowser(), vaulted, vaulted.requestWith(vaulted.hintFor(user).sign()));

        assertThat(page.form(CODE_FORM)).as(page.text()).isPresent();
        assertThat(twilio.messagesTo(mobile)).singleElement().satisfies(sms -> assertThat(sms.authorized()).isTrue());
    }

    @Test
    void writesTheTextInTheUsersLanguage() {
        TenantRealm german = smsRealm("sms-de", Map.of());
        KeycloakUnderTest.keycloak().admin().put("/" + german.name(), Map.of("internationalizationEnabled", true,
                "supportedLocales", List.of("en", "de"), "defaultLocale", "en"));
        String mobile = TenantRealm.newMobile();
        EntraUser user = userWithPhone(german, mobile);
        KeycloakUnderTest.keycloak().admin().setUserAttributes(german.name(), user.username(), Map.of("locale", List.of("de")));

        send(newBrowser(), german, german.requestWith(german.hintFor(user).sign()));

        assertThat(twilio.messagesTo(mobile).get(0).body()).contains("ist Ihr Bestätigungscode für");
    }

    @Test
    void normalizesDirectoryNumbersWithTheDefaultCountry() {
        EntraUser user = userWithPhone(realm, "0151 2345-6789");

        Browser.Page page = send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));

        assertThat(page.form(CODE_FORM)).isPresent();
        assertThat(twilio.messagesTo(MOBILE)).hasSize(1);
    }

    @Test
    void sendsNothingToCountriesOutsideTheAllowList() {
        EntraUser user = userWithPhone(realm, "+1 650-253-0000");
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        Browser.Page page = send(newBrowser(), realm, request);

        JsonNode event = assertErrorPostedToEntra(page, realm, request, "access_denied", "sfo_no_usable_factor");
        assertThat(event.path("details").path("reason").asText()).contains("sfo-sms-code").contains("allowed country");
        assertThat(twilio.messages()).isEmpty();
    }

    @Test
    void stopsSendingWhenTheUsersHourlyQuotaIsUsed() {
        TenantRealm limited = smsRealm("sms-quota", Map.of("maxPerUserPerHour", "2"));
        String mobile = TenantRealm.newMobile();
        EntraUser user = userWithPhone(limited, mobile);
        AuthorizationRequest request = limited.requestWith(limited.hintFor(user).sign());
        Browser browser = newBrowser();
        Browser.Page page = send(browser, limited, request);

        Browser.Page second = browser.submit(page, CODE_FORM, Map.of("resend", "true"));
        Browser.Page third = browser.submit(second, CODE_FORM, Map.of("resend", "true"));

        assertThat(twilio.messagesTo(mobile)).hasSize(2);
        assertThat(third.text()).contains("Too many codes were sent recently");
        JsonNode refused = eventOf(limited, request, "LOGIN_ERROR").orElseThrow();
        assertThat(refused.path("error").asText()).isEqualTo("sfo_sms_rate_limited");
        assertThat(refused.path("details").path("reason").asText()).contains("quota of the user");
    }

    @Test
    void stopsSendingWhenTheRealmsHourlyQuotaIsUsed() {
        TenantRealm limited = smsRealm("sms-realm-quota", Map.of("maxPerRealmPerHour", "1"));
        send(newBrowser(), limited, limited.requestWith(limited.hintFor(userWithPhone(limited, MOBILE)).sign()));
        EntraUser other = userWithPhone(limited, "+4915198765432");
        AuthorizationRequest request = limited.requestWith(limited.hintFor(other).sign());

        Browser.Page page = send(newBrowser(), limited, request);

        assertThat(page.text()).contains("Too many codes were sent recently");
        assertThat(twilio.messagesTo("+4915198765432")).isEmpty();
        assertThat(eventOf(limited, request, "LOGIN_ERROR").orElseThrow().path("details").path("reason").asText())
                .contains("quota of the realm");
    }

    @Test
    void tellsTheUserWhenTwilioIsDownAndEntraOnlyWhenTheyGiveUp() {
        twilio.failWith(503, 20503, "Service Unavailable");
        EntraUser user = userWithPhone(realm, MOBILE);
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page page = send(browser, realm, request);

        assertThat(page.text()).contains("could not send you a code");
        assertThat(page.formPost()).isEmpty();
        JsonNode failed = eventOf(realm, request, "LOGIN_ERROR").orElseThrow();
        assertThat(failed.path("error").asText()).isEqualTo("sfo_sms_provider_unavailable");
        assertThat(failed.path("details").path("reason").asText()).contains("503").doesNotContain(KeycloakUnderTest.TWILIO_AUTH_TOKEN);

        FormPost gaveUp = answerOf(browser.submit(page, CODE_FORM, Map.of("cancel", "true")));

        assertThat(gaveUp.field("error")).isEqualTo("temporarily_unavailable");
        assertThat(gaveUp.fields()).doesNotContainKey("id_token");
    }

    @Test
    void givesUpOnASlowTwilioLongBeforeEntraDoes() {
        twilio.delayAnswers(Duration.ofSeconds(6));
        EntraUser user = userWithPhone(realm, TenantRealm.newMobile());
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        long started = System.nanoTime();
        Browser.Page page = send(newBrowser(), realm, request);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        assertThat(page.text()).contains("could not send you a code");
        assertThat(eventOf(realm, request, "LOGIN_ERROR").orElseThrow().path("error").asText()).isEqualTo("sfo_sms_provider_unavailable");
    }

    @Test
    void explainsANumberTwilioCannotReach() {
        twilio.failWith(400, 21211, "The 'To' number is not a valid phone number.");
        EntraUser user = userWithPhone(realm, MOBILE);
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        Browser.Page page = send(newBrowser(), realm, request);

        assertThat(page.text()).contains("not a mobile number we can send a text message to");
        assertThat(eventOf(realm, request, "LOGIN_ERROR").orElseThrow().path("error").asText()).isEqualTo("sfo_sms_invalid_number");
    }

    @Test
    void usesTheMessagingServiceWhenOneIsConfigured() {
        TenantRealm service = smsRealm("sms-service", Map.of("twilioMessagingServiceSid", "MG00000000000000000000000000000001"));
        EntraUser user = userWithPhone(service, MOBILE);

        send(newBrowser(), service, service.requestWith(service.hintFor(user).sign()));

        TwilioStandIn.SentMessage sms = twilio.messagesTo(MOBILE).get(0);
        assertThat(sms.messagingServiceSid()).isEqualTo("MG00000000000000000000000000000001");
        assertThat(sms.from()).isNull();
    }

    @Test
    void enrolsAMobileNumberOnlyAfterItsCodeCameBackWhileTheWindowIsOpen() {
        TenantRealm enrolling = smsRealm("sms-enrol", Map.of("enrolment", "window", "allowedCountries", "DE", "defaultRegion", "DE"));
        EntraUser user = enrolling.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of(LocalDate.now().plusDays(1).toString())));
        AuthorizationRequest request = enrolling.requestWith(enrolling.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page enrol = send(browser, enrolling, request);
        assertThat(enrol.form(ENROL_FORM)).as(enrol.text()).isPresent();

        Browser.Page foreign = browser.submit(enrol, ENROL_FORM, Map.of("destination", "+1 650 253 0000"));
        assertThat(foreign.text()).contains("cannot be sent to numbers of that country");
        Browser.Page nonsense = browser.submit(foreign, ENROL_FORM, Map.of("destination", "12"));
        assertThat(nonsense.text()).contains("not a mobile number");

        Browser.Page codePage = browser.submit(nonsense, ENROL_FORM, Map.of("destination", "0151 23456789"));
        assertThat(codePage.form(CODE_FORM)).as(codePage.text()).isPresent();
        assertThat(phoneOf(enrolling, user)).as("not saved before the code came back").isEmpty();

        FormPost answer = answerOf(submitCode(browser, codePage, codeSentTo(MOBILE)));

        assertThat(validate(answer, enrolling, request, user.subject()).claims()).containsEntry("amr", List.of("sms"));
        assertThat(phoneOf(enrolling, user)).containsExactly(MOBILE);
    }

    @Test
    void offersNoEnrolmentOnceTheWindowHasClosed() {
        TenantRealm enrolling = smsRealm("sms-closed", Map.of("enrolment", "window"));
        EntraUser user = enrolling.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of("2020-01-01T00:00:00Z")));
        AuthorizationRequest request = enrolling.requestWith(enrolling.hintFor(user).sign());

        Browser.Page page = send(newBrowser(), enrolling, request);

        assertErrorPostedToEntra(page, enrolling, request, "access_denied", "sfo_no_usable_factor");
    }

    private static List<String> phoneOf(TenantRealm realm, EntraUser user) {
        JsonNode found = KeycloakUnderTest.keycloak().admin().get("/" + realm.name() + "/users?exact=true&username=" + user.username());
        List<String> numbers = new java.util.ArrayList<>();
        found.path(0).path("attributes").path("phoneNumber").forEach(n -> numbers.add(n.asText()));
        return numbers;
    }
}
