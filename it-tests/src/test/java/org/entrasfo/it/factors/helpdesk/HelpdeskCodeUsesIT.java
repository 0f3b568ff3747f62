package org.entrasfo.it.factors.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.factors.helpdesk.HelpdeskCodeIT.CODE_FORM;
import static org.entrasfo.it.factors.helpdesk.HelpdeskCodeIT.helpdeskCredentialsOf;
import static org.entrasfo.it.factors.helpdesk.HelpdeskCodeIT.type;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * How often a help desk code works: as often as the code and the realm allow and no more, even when several browsers
 * type it at once; and wrong codes lock the user out across every open sign-in.
 */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class HelpdeskCodeUsesIT {

    private static final int LOCKOUT_AFTER = 3;

    private static TenantRealm realm;
    private static KeycloakAdmin admin;

    @BeforeAll
    static void realmWithOnlyTheHelpdeskFactor() {
        realm = helpdeskRealm("helpdesk-uses-");
        admin = realm.keycloak().admin();
        // Keycloak's brute-force protector serializes one user's sign-ins on a node; off here, so nothing but the
        // code's own use count stands between two browsers typing it at once (as across cluster nodes).
        admin.put("/" + realm.name(), Map.of("bruteForceProtected", false));
    }

    private static TenantRealm helpdeskRealm(String prefix) {
        return TenantRealm.create(prefix + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-helpdesk-code")));
    }

    private static KeycloakAdmin.Answer issue(EntraUser user, Map<String, Object> extra) {
        return issue(realm, user, extra);
    }

    private static KeycloakAdmin.Answer issue(TenantRealm realm, EntraUser user, Map<String, Object> extra) {
        Map<String, Object> request = new HashMap<>(extra);
        request.put("username", user.username());
        return admin.post("/" + realm.name() + "/entra-sfo-helpdesk/codes", request);
    }

    private static String codeFor(EntraUser user, Map<String, Object> extra) {
        return codeFor(realm, user, extra);
    }

    private static String codeFor(TenantRealm realm, EntraUser user, Map<String, Object> extra) {
        KeycloakAdmin.Answer issued = issue(realm, user, extra);
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        return issued.body().path("code").asText();
    }

    private static Browser.Page codePage(Browser browser, AuthorizationRequest request) {
        return codePage(realm, browser, request);
    }

    private static Browser.Page codePage(TenantRealm realm, Browser browser, AuthorizationRequest request) {
        Browser.Page page = send(browser, realm, request);
        assertThat(page.form(CODE_FORM)).as(page.text()).isPresent();
        return page;
    }

    @Test
    void aMultiUseCodeIsRefusedUntilTheRealmAllowsItThenWorksExactlyThatOften() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        KeycloakAdmin.Answer refused = issue(user, Map.of("singleUse", false, "uses", 2));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("field").asText()).isEqualTo("uses");
        assertThat(issue(user, Map.of("singleUse", false)).body().path("field").asText()).isEqualTo("singleUse");

        realm.configure("sfo-helpdesk-code", Map.of("maxUsesPerCode", "2"));
        assertThat(issue(user, Map.of("singleUse", false, "uses", 3)).body().path("field").asText()).isEqualTo("uses");
        String code = codeFor(user, Map.of("singleUse", false, "uses", 2));

        for (int use = 0; use < 2; use++) {
            AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
            Browser browser = newBrowser();
            assertThat(validate(answerOf(type(browser, codePage(browser, request), code)), realm, request, user.subject())
                    .violations()).as("use %d", use + 1).isEmpty();
        }
        AuthorizationRequest third = realm.requestWith(realm.hintFor(user).sign());
        assertErrorPostedToEntra(send(newBrowser(), realm, third), realm, third, "access_denied", "sfo_no_usable_factor");
    }

    @Test
    void aSingleUseCodeTypedInTwoBrowsersAtOnceYieldsAtMostOneToken() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        String code = codeFor(user, Map.of());
        int browsers = 3;
        CyclicBarrier together = new CyclicBarrier(browsers);
        ExecutorService hands = Executors.newFixedThreadPool(browsers);
        List<CompletableFuture<Browser.Page>> typed = new ArrayList<>();
        for (int i = 0; i < browsers; i++) {
            Browser browser = newBrowser();
            Browser.Page page = codePage(browser, realm.requestWith(realm.hintFor(user).sign()));
            typed.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return type(browser, page, code);
            }, hands));
        }

        List<Browser.Page> pages = new ArrayList<>();
        for (CompletableFuture<Browser.Page> page : typed) {
            pages.add(page.get(120, TimeUnit.SECONDS));
        }
        hands.shutdown();

        long tokens = pages.stream().filter(p -> p.formPost().map(post -> post.fields().containsKey("id_token")).orElse(false)).count();
        assertThat(tokens).as("tokens from one single-use code").isEqualTo(1);
        assertThat(pages).filteredOn(p -> p.formPost().isEmpty()).hasSize(browsers - 1).allSatisfy(loser -> {
            assertThat(loser.status()).isLessThan(500);
            assertThat(loser.text()).contains("no longer valid");
        });
        assertThat(helpdeskCredentialsOf(realm, user)).isEmpty();
    }

    @Test
    void wrongCodesInParallelSignInsLockTheUserOutThenTheRightCodeIsRefused() {
        TenantRealm strict = helpdeskRealm("helpdesk-lockout-");
        // Only the count matters here; no quick-login rule that would lock earlier.
        admin.put("/" + strict.name(), Map.of("bruteForceProtected", true, "failureFactor", LOCKOUT_AFTER,
                "waitIncrementSeconds", 600, "maxFailureWaitSeconds", 900, "quickLoginCheckMilliSeconds", 1));
        EntraUser user = strict.newUserWithout2ndFactor(Map.of());
        String code = codeFor(strict, user, Map.of());
        List<Browser> browsers = new ArrayList<>();
        List<Browser.Page> open = new ArrayList<>();
        for (int i = 0; i < LOCKOUT_AFTER; i++) {
            Browser browser = newBrowser();
            browsers.add(browser);
            open.add(codePage(strict, browser, strict.requestWith(strict.hintFor(user).sign())));
        }
        // One wrong code in each open sign-in: the count is the user's, not the sign-in's.
        for (int i = 0; i < LOCKOUT_AFTER; i++) {
            typeWrongCodeUntilCounted(strict, user, browsers.get(i), open.get(i), i + 1);
        }

        AuthorizationRequest request = strict.requestWith(strict.hintFor(user).sign());
        Browser browser = newBrowser();
        Browser.Page locked = type(browser, send(browser, strict, request), code);

        assertThat(locked.formPost()).as("no token while locked out").isEmpty();
        assertThat(locked.text()).contains("That code is not right");
        JsonNode event = eventOf(strict, request, "LOGIN_ERROR").orElseThrow();
        assertThat(event.path("error").asText()).isEqualTo("user_temporarily_disabled");
        assertThat(event.toString()).doesNotContain(code.replace(" ", ""));
        assertThat(helpdeskCredentialsOf(strict, user)).as("a refused right code spends nothing").hasSize(1);
    }

    /**
     * Keycloak counts a failure off the request thread and turns away, uncounted, an attempt of the same user that
     * arrives meanwhile; so the test types the wrong code again until Keycloak's own count shows it.
     */
    private static void typeWrongCodeUntilCounted(TenantRealm realm, EntraUser user, Browser browser, Browser.Page page, int expected) {
        String failuresPath = "/" + realm.name() + "/attack-detection/brute-force/users/" + realm.userId(user);
        Browser.Page current = page;
        for (int attempt = 0; attempt < 5; attempt++) {
            current = type(browser, current, "0000 0000");
            assertThat(current.formPost()).as("no token for a wrong code").isEmpty();
            for (int look = 0; look < 200; look++) {
                if (admin.get(failuresPath).path("numFailures").asInt() >= expected) {
                    return;
                }
            }
        }
        throw new AssertionError("Keycloak never counted wrong code " + expected);
    }
}
