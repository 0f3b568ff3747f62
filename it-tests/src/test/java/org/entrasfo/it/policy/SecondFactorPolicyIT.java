package org.entrasfo.it.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.jsoup.nodes.Element;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The policy step offers each user only the factors they can use; with several, Keycloak's "try another way" lets
 * the user switch; with none, Entra hears access_denied before anything is sent.
 */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class SecondFactorPolicyIT {

    private static final String TRY_ANOTHER_WAY = "#kc-select-try-another-way-form";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private static TenantRealm realm;

    @BeforeAll
    static void realmWithOtpAndSms() {
        realm = realmWith("policy", Map.of());
    }

    private static TenantRealm realmWith(String prefix, Map<String, String> policy) {
        TenantRealm created = TenantRealm.create(prefix + "-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-sms-code")));
        created.configure("sfo-sms-code", Map.of("twilioAccountSid", KeycloakUnderTest.TWILIO_ACCOUNT_SID,
                "twilioAuthToken", KeycloakUnderTest.TWILIO_AUTH_TOKEN, "twilioFrom", "+15005550006"));
        if (!policy.isEmpty()) {
            created.configure("sfo-policy", policy);
        }
        return created;
    }

    private static EntraUser userWithTokenAndPhone(TenantRealm realm, String mobile) {
        EntraUser user = realm.newUser(false);
        KeycloakUnderTest.keycloak().admin().setUserAttributes(realm.name(), user.username(), Map.of("phoneNumber", List.of(mobile)));
        return user;
    }

    @Test
    void startsWithTheFirstFactorAndLetsTheUserSwitchToTheOther() {
        String mobile = TenantRealm.newMobile();
        EntraUser user = userWithTokenAndPhone(realm, mobile);
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page otp = send(browser, realm, request);
        assertThat(asksForOtp(otp)).as(otp.text()).isTrue();
        assertThat(otp.form(TRY_ANOTHER_WAY)).isPresent();

        Browser.Page choices = browser.submit(otp, TRY_ANOTHER_WAY, Map.of("tryAnotherWay", "on"));
        assertThat(choices.text()).contains("Authenticator app or token").contains("Text message");
        Browser.Page codePage = EntraRoundTrip.chooseFactor(browser, choices, "Text message");
        assertThat(codePage.form("#sfo-code-form")).as(codePage.text()).isPresent();
        assertThat(codePage.form(TRY_ANOTHER_WAY)).as("the way back to the token").isPresent();

        Matcher code = CODE.matcher(KeycloakUnderTest.twilio().messagesTo(mobile).get(0).body());
        assertThat(code.find()).isTrue();
        FormPost answer = answerOf(browser.submit(codePage, "#sfo-code-form", Map.of("code", code.group(1), "verify", "true")));

        assertThat(validate(answer, realm, request, user.subject()).claims()).containsEntry("amr", List.of("sms"));
    }

    @Test
    void goesStraightToTheOnlyFactorTheUserHas() {
        String mobile = TenantRealm.newMobile();
        EntraUser user = realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(mobile)));

        Browser.Page page = send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));

        assertThat(page.form("#sfo-code-form")).as(page.text()).isPresent();
        assertThat(page.form(TRY_ANOTHER_WAY)).isEmpty();
        assertThat(KeycloakUnderTest.twilio().messagesTo(mobile)).hasSize(1);
    }

    @Test
    void refusesAUserWithNoUsableFactorAndSaysWhyForEachFactor() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        Browser.Page page = send(newBrowser(), realm, request);

        assertThat(page.text()).as("the user reads why before going back").contains("No second factor is set up for your account")
                .contains("Back to Microsoft sign-in");
        JsonNode event = assertErrorPostedToEntra(page, realm, request, "access_denied", "sfo_no_usable_factor");
        assertThat(event.path("details").path("reason").asText()).contains("sfo-otp:").contains("sfo-sms-code:");
    }

    @Test
    void offersOnlyTheFactorsThePolicyAllows() {
        TenantRealm otpOnly = realmWith("policy-otp", Map.of("allowedFactors", "sfo-otp"));
        String mobile = TenantRealm.newMobile();
        EntraUser user = otpOnly.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(mobile)));
        AuthorizationRequest request = otpOnly.requestWith(otpOnly.hintFor(user).sign());

        Browser.Page page = send(newBrowser(), otpOnly, request);

        JsonNode event = assertErrorPostedToEntra(page, otpOnly, request, "access_denied", "sfo_no_usable_factor");
        assertThat(event.path("details").path("reason").asText()).contains("sfo-sms-code: not allowed by the policy");
        assertThat(KeycloakUnderTest.twilio().messagesTo(mobile)).isEmpty();
    }

    @Test
    void appliesTheFirstRuleThatMatchesTheUsersGroupOrRole() {
        TenantRealm ruled = realmWith("policy-rules", Map.of("rules",
                "/Clinical/Nurses = sfo-sms-code##role:physician = sfo-otp##/Clinical = sfo-otp, sfo-sms-code"));
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        String clinical = idOf(admin.post("/" + ruled.name() + "/groups", Map.of("name", "Clinical")));
        String nurses = idOf(admin.post("/" + ruled.name() + "/groups/" + clinical + "/children", Map.of("name", "Nurses")));
        String night = idOf(admin.post("/" + ruled.name() + "/groups/" + nurses + "/children", Map.of("name", "Night shift")));
        admin.post("/" + ruled.name() + "/roles", Map.of("name", "physician"));
        JsonNode physician = admin.get("/" + ruled.name() + "/roles/physician");

        EntraUser nurse = userWithTokenAndPhone(ruled, TenantRealm.newMobile());
        join(admin, ruled, nurse, night);
        Browser.Page nursePage = send(newBrowser(), ruled, ruled.requestWith(ruled.hintFor(nurse).sign()));
        assertThat(nursePage.form("#sfo-code-form")).as("a nurse gets SMS only:\n%s", nursePage.text()).isPresent();
        assertThat(nursePage.form(TRY_ANOTHER_WAY)).isEmpty();

        EntraUser doctor = userWithTokenAndPhone(ruled, TenantRealm.newMobile());
        admin.post("/" + ruled.name() + "/users/" + ruled.userId(doctor) + "/role-mappings/realm", List.of(physician));
        Browser.Page doctorPage = send(newBrowser(), ruled, ruled.requestWith(ruled.hintFor(doctor).sign()));
        assertThat(asksForOtp(doctorPage)).as("a physician gets the token only").isTrue();
        assertThat(doctorPage.form(TRY_ANOTHER_WAY)).isEmpty();

        EntraUser other = userWithTokenAndPhone(ruled, TenantRealm.newMobile());
        join(admin, ruled, other, clinical);
        Browser.Page otherPage = send(newBrowser(), ruled, ruled.requestWith(ruled.hintFor(other).sign()));
        assertThat(asksForOtp(otherPage)).isTrue();
        assertThat(otherPage.form(TRY_ANOTHER_WAY)).as("the rule of the parent group offers both").isPresent();
    }

    /**
     * A group's own order of preference, built the way Keycloak admins build any per-group flow: conditional subflows
     * with Keycloak's "Condition - user role", each listing the factors in its order.
     */
    @Test
    void aRolesOwnOrderOfFactorsComesFromAConditionalSubflow() {
        TenantRealm ordered = realmWith("policy-order", Map.of());
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        admin.post("/" + ordered.name() + "/roles", Map.of("name", "nurse"));
        String factors = "entra-second-factor-only factors";
        for (JsonNode execution : executions(admin, ordered, factors)) {
            if (execution.path("level").asInt() == 0) {
                setRequirement(admin, ordered, factors, execution, "DISABLED");
            }
        }
        conditionalSubflow(admin, ordered, factors, "Nurses: SMS first", false, List.of("sfo-sms-code", "sfo-otp"));
        conditionalSubflow(admin, ordered, factors, "Everyone else: token first", true, List.of("sfo-otp", "sfo-sms-code"));

        EntraUser nurse = userWithTokenAndPhone(ordered, TenantRealm.newMobile());
        admin.post("/" + ordered.name() + "/users/" + ordered.userId(nurse) + "/role-mappings/realm",
                List.of(admin.get("/" + ordered.name() + "/roles/nurse")));
        Browser.Page nursePage = send(newBrowser(), ordered, ordered.requestWith(ordered.hintFor(nurse).sign()));
        assertThat(nursePage.form("#sfo-code-form")).as("a nurse starts with SMS:\n%s", nursePage.text()).isPresent();
        assertThat(nursePage.form(TRY_ANOTHER_WAY)).as("and may switch to the token").isPresent();

        EntraUser other = userWithTokenAndPhone(ordered, TenantRealm.newMobile());
        Browser.Page otherPage = send(newBrowser(), ordered, ordered.requestWith(ordered.hintFor(other).sign()));
        assertThat(asksForOtp(otherPage)).as("everyone else starts with the token:\n%s", otherPage.text()).isTrue();
        assertThat(otherPage.form(TRY_ANOTHER_WAY)).isPresent();
    }

    private static List<JsonNode> executions(KeycloakAdmin admin, TenantRealm realm, String flow) {
        List<JsonNode> list = new java.util.ArrayList<>();
        admin.get("/" + realm.name() + "/authentication/flows/" + flow.replace(" ", "%20") + "/executions").forEach(list::add);
        return list;
    }

    private static void setRequirement(KeycloakAdmin admin, TenantRealm realm, String flow, JsonNode execution, String requirement) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) execution).put("requirement", requirement);
        assertThat(admin.put("/" + realm.name() + "/authentication/flows/" + flow.replace(" ", "%20") + "/executions", execution).status())
                .isEqualTo(204);
    }

    private static void conditionalSubflow(KeycloakAdmin admin, TenantRealm realm, String parent, String alias, boolean negate,
                                           List<String> factorsInOrder) {
        String parentPath = "/" + realm.name() + "/authentication/flows/" + parent.replace(" ", "%20") + "/executions";
        assertThat(admin.post(parentPath + "/flow", Map.of("alias", alias, "type", "basic-flow", "description", alias)).status()).isEqualTo(201);
        executions(admin, realm, parent).stream().filter(e -> alias.equals(e.path("displayName").asText())).findFirst()
                .ifPresent(e -> setRequirement(admin, realm, parent, e, "CONDITIONAL"));
        String path = "/" + realm.name() + "/authentication/flows/" + alias.replace(" ", "%20").replace(":", "%3A") + "/executions";
        admin.post(path + "/execution", Map.of("provider", "conditional-user-role"));
        for (String factor : factorsInOrder) {
            admin.post(path + "/execution", Map.of("provider", factor));
        }
        for (JsonNode execution : executions(admin, realm, alias.replace(":", "%3A"))) {
            String provider = execution.path("providerId").asText();
            if ("conditional-user-role".equals(provider)) {
                setRequirement(admin, realm, alias.replace(":", "%3A"), execution, "REQUIRED");
                admin.post("/" + realm.name() + "/authentication/executions/" + execution.path("id").asText() + "/config",
                        Map.of("alias", alias.replaceAll("\\W", "") + "-role", "config", Map.of("condUserRole", "nurse", "negate", String.valueOf(negate))));
            } else {
                setRequirement(admin, realm, alias.replace(":", "%3A"), execution, "ALTERNATIVE");
                if ("sfo-sms-code".equals(provider)) {
                    admin.post("/" + realm.name() + "/authentication/executions/" + execution.path("id").asText() + "/config",
                            Map.of("alias", alias.replaceAll("\\W", "") + "-sms", "config", Map.of("twilioAccountSid", KeycloakUnderTest.TWILIO_ACCOUNT_SID,
                                    "twilioAuthToken", KeycloakUnderTest.TWILIO_AUTH_TOKEN, "twilioFrom", "+15005550006")));
                }
            }
        }
    }

    private static String idOf(KeycloakAdmin.Answer created) {
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.location().substring(created.location().lastIndexOf('/') + 1);
    }


    private static void join(KeycloakAdmin admin, TenantRealm realm, EntraUser user, String groupId) {
        assertThat(admin.put("/" + realm.name() + "/users/" + realm.userId(user) + "/groups/" + groupId, Map.of()).status())
                .isEqualTo(204);
    }

    @Test
    void skipsSmsWhileNoTwilioAccountIsConfigured() {
        TenantRealm unconfigured = TenantRealm.create("policy-notwilio-" + UUID.randomUUID().toString().substring(0, 6),
                MicrosoftCloud.GLOBAL, Map.of("factors", List.of("sfo-otp", "sfo-sms-code")));
        EntraUser user = unconfigured.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(TenantRealm.newMobile())));
        AuthorizationRequest request = unconfigured.requestWith(unconfigured.hintFor(user).sign());

        Browser.Page page = send(newBrowser(), unconfigured, request);

        JsonNode event = assertErrorPostedToEntra(page, unconfigured, request, "access_denied", "sfo_no_usable_factor");
        assertThat(event.path("details").path("reason").asText()).contains("Twilio account SID, auth token and sender are not configured");
    }

    @Test
    void theProvisionedFlowRunsWithoutAnyStepConfiguration() {
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        TenantRealm plain = TenantRealm.create("policy-plain-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-sms-code", "sfo-email-code")));
        Map<String, Boolean> configured = new HashMap<>();
        admin.get("/" + plain.name() + "/authentication/flows/entra-second-factor-only/executions")
                .forEach(e -> configured.put(e.path("providerId").asText(), e.hasNonNull("authenticationConfig")));
        assertThat(configured).containsEntry("sfo-policy", false).containsEntry("sfo-otp", false).containsEntry("sfo-email-code", false);
        EntraUser user = plain.newUser();

        Browser.Page page = send(newBrowser(), plain, plain.requestWith(plain.hintFor(user).sign()));

        assertThat(asksForOtp(page)).as(page.text()).isTrue();
    }

    /** Picks an entry of Keycloak's "select authenticator" page by its visible name. */
}
