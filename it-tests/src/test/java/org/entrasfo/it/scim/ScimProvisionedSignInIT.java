package org.entrasfo.it.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.scim.EntraProvisioningService.EXTENSION;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.IdTokenValidator;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A user Entra provisioned signs in with the SMS factor at the number Entra holds, and only while Entra says so. */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class ScimProvisionedSignInIT {

    private static final String CODE_FORM = "#sfo-code-form";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private static TenantRealm realm;
    private static EntraProvisioningService entra;
    private static TwilioStandIn twilio;

    @BeforeAll
    static void provisionedRealm() {
        twilio = KeycloakUnderTest.twilio();
        realm = ScimRealms.smsRealm("scim-sign-in");
        entra = EntraProvisioningService.connect(ScimRealms.enableScim(realm));
    }

    /** Created through SCIM only: no admin call, no first sign-in; the hint names Entra's object ID. */
    private static Provisioned provision(String mobile) {
        String upn = "clinician-" + UUID.randomUUID().toString().substring(0, 6) + "@hospital.example";
        String oid = UUID.randomUUID().toString();
        EntraProvisioningService.Answer created = entra.createUser(upn, oid, upn, mobile);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return new Provisioned(created.body().path("id").asText(),
                new EntraUser(upn, oid, "sub-" + UUID.randomUUID(), null, false, new AtomicLong()));
    }

    private record Provisioned(String id, EntraUser user) {
    }

    private static String codeSentTo(String number) {
        List<TwilioStandIn.SentMessage> sent = twilio.messagesTo(number);
        assertThat(sent).as("messages to %s", number).isNotEmpty();
        Matcher matcher = CODE.matcher(sent.get(sent.size() - 1).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void signsInWithTheSmsFactorAtTheProvisionedNumberAndTheCodeFollowsANewNumber() {
        String mobile = TenantRealm.newMobile();
        Provisioned provisioned = provision(mobile);
        AuthorizationRequest request = realm.requestWith(realm.hintFor(provisioned.user()).sign());
        Browser browser = newBrowser();

        Browser.Page page = send(browser, realm, request);

        assertThat(page.form(CODE_FORM)).as(page.text()).isPresent();
        FormPost answer = answerOf(browser.submit(page, CODE_FORM, Map.of("code", codeSentTo(mobile), "verify", "true")));
        IdTokenValidator.Result result = validate(answer, realm, request, provisioned.user().subject());
        assertThat(result.violations()).isEmpty();
        assertThat(result.claims()).containsEntry("amr", List.of("sms"));

        String newMobile = TenantRealm.newMobile();
        assertThat(entra.patch("Users", provisioned.id(), "Replace", EXTENSION + ":mobile", newMobile).status()).isEqualTo(200);
        int toOldNumber = twilio.messagesTo(mobile).size();

        Browser.Page again = send(newBrowser(), realm, realm.requestWith(realm.hintFor(provisioned.user()).sign()));

        assertThat(again.form(CODE_FORM)).as(again.text()).isPresent();
        assertThat(twilio.messagesTo(newMobile)).hasSize(1);
        assertThat(twilio.messagesTo(mobile)).hasSize(toOldNumber);
    }

    @Test
    void aUserEntraDisabledIsRefusedAtOnceWithAnEvent() {
        String mobile = TenantRealm.newMobile();
        Provisioned provisioned = provision(mobile);
        assertThat(entra.patch("Users", provisioned.id(), "Replace", "active", "False").status()).isEqualTo(200);
        AuthorizationRequest request = realm.requestWith(realm.hintFor(provisioned.user()).sign());

        Browser.Page page = send(newBrowser(), realm, request);

        assertErrorPostedToEntra(page, realm, request, "access_denied", "user_disabled");
        assertThat(twilio.messagesTo(mobile)).isEmpty();
    }
}
