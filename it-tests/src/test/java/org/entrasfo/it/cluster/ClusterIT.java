package org.entrasfo.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.AttackLedger.assertNoTokenFrom;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.KeycloakVerdicts;
import org.entrasfo.it.support.ReferenceDevices;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.pushdevice.PushDevice;
import org.entrasfo.it.support.ChallengeFilm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two Keycloak nodes on PostgreSQL behind a load balancer: an SFO transaction lives in Keycloak's replicated
 * authentication session and single-use store, so any node can finish it, replay protection holds across nodes,
 * and losing a node loses no transaction and mints no token without a factor.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(ChallengeFilm.TIMING_LOCK)
class ClusterIT {

    private static final int NODE_A = 0;
    private static final int NODE_B = 1;

    private static KeycloakCluster cluster;
    private static TenantRealm realm;

    @BeforeAll
    static void clusterOfTwoNodes() throws Exception {
        cluster = KeycloakCluster.start(Path.of(System.getProperty("keycloak.dist.dir")), Path.of(System.getProperty("providers.bundle")),
                Path.of(System.getProperty("keycloak.dist.dir")).getParent().resolve("cluster"), List.of());
        cluster.routeTo(NODE_A);
        realm = TenantRealm.create(cluster, "cluster-tenant-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl(), "factors", List.of("sfo-otp", "sfo-push")))
                .configure("sfo-push", Map.of("enrolment", "window"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Browser browser() {
        return new Browser(cluster.httpClientBuilder());
    }

    @Test
    @Order(1)
    void finishesOnOneNodeATransactionStartedOnTheOther() {
        EntraUser user = realm.newUser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = browser();

        cluster.routeTo(NODE_A);
        Browser.Page otp = send(browser, realm, request);
        assertThat(asksForOtp(otp)).as(otp.text()).isTrue();
        cluster.routeTo(NODE_B);
        browser.reconnect();
        FormPost answer = answerOf(submitCode(browser, otp, user.nextCode()));

        assertThat(validate(answer, realm, request, user.subject()).violations()).isEmpty();
    }

    @Test
    @Order(2)
    void refusesOnOneNodeAHintThatCompletedOnTheOther() {
        EntraUser user = realm.newUser();
        String hint = realm.hintFor(user).sign();
        cluster.routeTo(NODE_A);
        Browser first = browser();
        Browser.Page otp = send(first, realm, realm.requestWith(hint));
        assertThat(answerOf(submitCode(first, otp, user.nextCode())).fields()).containsKey("id_token");

        cluster.routeTo(NODE_B);
        AuthorizationRequest replay = realm.requestWith(hint);
        assertErrorPostedToEntra(send(browser(), realm, replay), realm, replay, "invalid_request", "hint_replayed");
    }

    /**
     * Push approval across nodes: the page and the challenge on one node, the device's enrolment, poll and approval
     * on the other, the wait channel answered by either, the flow finished where it started.
     */
    @Test
    @Order(2)
    void aPushChallengeMadeOnOneNodeIsApprovedThroughTheOther() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of(java.time.Instant.now().plusSeconds(3600).toString())));
        cluster.routeTo(NODE_A);
        Browser browser = browser();
        Browser.Page enrolment = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        String link = ReferenceDevices.enrolmentLinkOn(enrolment);
        assertThat(link).as(enrolment.text()).contains("#enrol=");

        cluster.routeTo(NODE_B);
        PushDevice device = ReferenceDevices.generate("phone", cluster.httpClientBuilder().build());
        device.enrol(link, null);
        cluster.routeTo(NODE_A);
        browser.reconnect();
        assertThat(answerOf(browser.submit(enrolment, "#sfo-push-form", Map.of("sfo-push-action", "check"))).fields())
                .containsKey("id_token");

        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page waiting = send(browser, realm, request);
        int number = Integer.parseInt(waiting.document().select("#sfo-push-number").text());
        cluster.routeTo(NODE_B);
        String challenge = device.poll().get(0).challenge();
        assertThat(device.context(challenge).choices()).contains(number);
        assertThat(device.approve(challenge, number).body().path("result").asText()).isEqualTo("approved");
        String statusUrl = waiting.document().select("#sfo-push-form").attr("data-status-url");
        assertThat(browser().get(java.net.URI.create(statusUrl)).body()).contains("\"approved\"");

        cluster.routeTo(NODE_A);
        browser.reconnect();
        FormPost answer = answerOf(browser.submit(waiting, "#sfo-push-form", Map.of("sfo-push-action", "check")));
        assertThat(validate(answer, realm, request, user.subject()).claims()).containsEntry("amr", List.of("swk"));
    }

    /**
     * Submits the code; a request cut off by the dying node is what a user sees as a network error, and after a moment
     * they submit again (with the token's next code, as the first may have been used), on a new connection: while
     * the survivor takes over the dead node's share of the caches, a retry at once can fail too. Empty if it takes
     * more than five tries.
     */
    private static Optional<FormPost> finishLikeAUser(Browser browser, Browser.Page otpPage, EntraUser user) throws InterruptedException {
        Browser.Page page = otpPage;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Browser.Page answer = submitCode(browser, page, user.nextCode());
                if (answer.formPost().isPresent()) {
                    return answer.formPost();
                }
                if (asksForOtp(answer)) {
                    page = answer;
                }
            } catch (java.io.UncheckedIOException connectionLost) {
                // the node behind the connection died; the load balancer sends the retry to the other one
                Thread.sleep(1000);
                browser.reconnect();
            }
        }
        return Optional.empty();
    }

    /**
     * Brute force across nodes: Keycloak keeps login failures in the cluster's store, so wrong codes typed on both
     * nodes add up to one count, and the lock-out then holds on each node for the right code too.
     */
    @Test
    @Order(2)
    void wrongCodesTypedOnBothNodesAddUpAndLockTheUserOnEach() {
        int failuresAllowed = 3;
        TenantRealm strict = TenantRealm.create(cluster, "cluster-lock-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl()));
        assertThat(cluster.admin().put("/" + strict.name(), Map.of("bruteForceProtected", true, "failureFactor", failuresAllowed,
                "waitIncrementSeconds", 600, "maxFailureWaitSeconds", 900, "quickLoginCheckMilliSeconds", 1)).status()).isEqualTo(204);
        EntraUser user = strict.newUser(false);

        for (int guess = 1; guess <= failuresAllowed; guess++) {
            cluster.routeTo(guess % 2 == 0 ? NODE_B : NODE_A);
            Browser attacker = browser();
            Browser.Page otp = send(attacker, strict, strict.requestWith(strict.hintFor(user).sign()));
            assertThat(asksForOtp(otp)).as(otp.text()).isTrue();
            assertNoTokenFrom("a wrong code on node " + (guess % 2 == 0 ? "B" : "A"), submitCode(attacker, otp, user.wrongCode()));
            KeycloakVerdicts.awaitFailures(strict, user, guess);
        }

        for (int node : List.of(NODE_A, NODE_B)) {
            cluster.routeTo(node);
            Browser browser = browser();
            AuthorizationRequest request = strict.requestWith(strict.hintFor(user).sign());
            Browser.Page otp = send(browser, strict, request);
            assertNoTokenFrom("the right code after guesses on both nodes", submitCode(browser, otp, user.nextCode()));
            assertThat(eventOf(strict, request, "LOGIN_ERROR").orElseThrow().path("error").asText())
                    .as("node %s", node == NODE_A ? "A" : "B").isEqualTo("user_temporarily_disabled");
        }
        cluster.routeTo(NODE_A);
    }

    /** Everything started on node A, half of it already at the code page, then A dies and B takes over. */
    @Test
    @Order(3)
    void losesNoTransactionWhenANodeDiesInTheMiddleOfABatch() throws Exception {
        int batch = 8;
        List<EntraUser> users = new ArrayList<>();
        List<AuthorizationRequest> requests = new ArrayList<>();
        List<Browser> browsers = new ArrayList<>();
        List<Browser.Page> otpPages = new ArrayList<>();
        cluster.routeTo(NODE_A);
        for (int i = 0; i < batch; i++) {
            EntraUser user = realm.newUser();
            users.add(user);
            requests.add(realm.requestWith(realm.hintFor(user).sign()));
            browsers.add(browser());
            otpPages.add(send(browsers.get(i), realm, requests.get(i)));
            assertThat(asksForOtp(otpPages.get(i))).isTrue();
        }

        ExecutorService pool = Executors.newFixedThreadPool(batch);
        List<Future<Optional<FormPost>>> outcomes = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            int n = i;
            outcomes.add(pool.submit(() -> {
                if (n == batch / 2) {
                    cluster.node(NODE_A).kill();
                }
                return finishLikeAUser(browsers.get(n), otpPages.get(n), users.get(n));
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(3, TimeUnit.MINUTES)).as("no transaction hangs").isTrue();

        int tokens = 0;
        for (int i = 0; i < batch; i++) {
            Optional<FormPost> answer = outcomes.get(i).get(0, TimeUnit.SECONDS);
            assertThat(answer).as("transaction %d ended with an answer to Entra", i).isPresent();
            if (answer.get().fields().containsKey("id_token")) {
                var result = validate(answer.get(), realm, requests.get(i), users.get(i).subject());
                assertThat(result.violations()).isEmpty();
                assertThat(result.claims()).containsEntry("amr", List.of("otp"));
                tokens++;
            } else {
                // A node that dies after checking a code but before answering leaves a spent transaction: Entra hears so.
                assertThat(answer.get().field("error")).as("an answer to Entra is a token or an OIDC error").isNotBlank();
                assertThat(answer.get().fields()).doesNotContainKey("id_token");
            }
        }
        assertThat(tokens).as("transactions finished by the surviving node").isPositive();
        assertThat(cluster.node(NODE_A).isAlive()).isFalse();

        EntraUser late = realm.newUser();
        AuthorizationRequest afterLoss = realm.requestWith(realm.hintFor(late).sign());
        Browser browser = browser();
        Browser.Page otp = send(browser, realm, afterLoss);
        assertThat(validate(answerOf(submitCode(browser, otp, late.nextCode())), realm, afterLoss, late.subject()).violations()).isEmpty();
        assertThat(cluster.node(NODE_B).isAlive()).isTrue();
    }
}
