package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.security.FreshFactorIT.lockingAfter;
import static org.entrasfo.it.support.AttackLedger.assertNoTokenFrom;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/**
 * Guessing TOTP codes in many auth sessions at once (one Entra transaction per guess, as an attacker with the password
 * can start as many as they like): Keycloak's brute-force detection counts per user, so k wrong codes anywhere lock
 * the user everywhere, and the right code is then refused in every auth session, old or new. (SMS, email and help
 * desk codes: their factors' own tests; across cluster nodes: {@code ClusterIT#wrongCodesTypedOnBothNodesAddUpAndLockTheUserOnEach}.)
 */
class ParallelBruteForceIT {

    private static final int FAILURES_ALLOWED = 3;

    /** An auth session waiting on the OTP page: the browser, the request and the page. */
    private record Open(Browser browser, AuthorizationRequest request, Browser.Page page) {
    }

    private static Open open(TenantRealm realm, EntraUser user) {
        Browser browser = newBrowser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page page = send(browser, realm, request);
        assertThat(asksForOtp(page)).as(page.text()).isTrue();
        return new Open(browser, request, page);
    }

    @Test
    void wrongTotpCodesSpreadOverAuthSessionsLockTheUserInEveryOther() {
        TenantRealm realm = lockingAfter(FAILURES_ALLOWED);
        EntraUser user = realm.newUser(false);
        List<Open> sessions = new ArrayList<>();
        for (int i = 0; i <= FAILURES_ALLOWED; i++) {
            sessions.add(open(realm, user));
        }

        for (Open guess : sessions.subList(0, FAILURES_ALLOWED)) {
            submitCode(guess.browser(), guess.page(), user.wrongCode());
        }
        Open waiting = sessions.get(FAILURES_ALLOWED);
        Browser.Page rightCodeInAnOpenSession = submitCode(waiting.browser(), waiting.page(), user.nextCode());
        Open later = open(realm, user);
        Browser.Page rightCodeInANewSession = submitCode(later.browser(), later.page(), user.nextCode());

        assertNoTokenFrom("TOTP guesses spread over auth sessions", rightCodeInAnOpenSession, rightCodeInANewSession);
        assertThat(eventOf(realm, waiting.request(), "LOGIN_ERROR").orElseThrow().path("error").asText()).isEqualTo("user_temporarily_disabled");
        assertThat(eventOf(realm, later.request(), "LOGIN_ERROR").orElseThrow().path("error").asText()).isEqualTo("user_temporarily_disabled");
    }

    /**
     * Keycloak counts a failure on a background executor after the answer: without the product's guess budget, codes
     * sent at the same moment in many auth sessions would all be checked before the first one counted.
     */
    @Test
    void aBurstOfSimultaneousGuessesGetsNoMoreCheckedThanTheLockoutAllows() throws Exception {
        TenantRealm realm = lockingAfter(FAILURES_ALLOWED);
        EntraUser user = realm.newUser(false);
        List<Open> sessions = new ArrayList<>();
        for (int i = 0; i < 4 * FAILURES_ALLOWED; i++) {
            sessions.add(open(realm, user));
        }

        ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
        try {
            List<Future<Browser.Page>> guesses = new ArrayList<>();
            for (Open session : sessions) {
                guesses.add(pool.submit(() -> submitCode(session.browser(), session.page(), user.wrongCode())));
            }
            for (Future<Browser.Page> guess : guesses) {
                assertNoTokenFrom("simultaneous TOTP guesses", guess.get());
            }
        } finally {
            pool.shutdownNow();
        }

        long checked = sessions.stream().map(session -> eventOf(realm, session.request(), "LOGIN_ERROR").orElseThrow().path("error").asText())
                .filter("invalid_user_credentials"::equals).count();
        assertThat(checked).as("guesses checked out of %d sent at once", sessions.size()).isBetween(1L, (long) FAILURES_ALLOWED);
    }
}
