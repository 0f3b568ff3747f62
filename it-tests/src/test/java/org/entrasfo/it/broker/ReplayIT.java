package org.entrasfo.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/** Contract 3.8: what completed a transaction cannot start another one, on any node. */
class ReplayIT {

    private final TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
    private final EntraUser user = realm.newUser();

    @Test
    void refusesAHintThatAlreadyCompletedATransaction() {
        String hint = realm.hintFor(user).sign();
        signIn(newBrowser(), realm, user, realm.requestWith(hint));

        AuthorizationRequest replay = realm.requestWith(hint);
        assertErrorPostedToEntra(send(newBrowser(), realm, replay), realm, replay, "invalid_request", "hint_replayed");
    }

    @Test
    void refusesANonceThatAlreadyCompletedATransaction() {
        AuthorizationRequest first = realm.requestWith(realm.hintFor(user).sign());
        signIn(newBrowser(), realm, user, first);

        AuthorizationRequest replay = realm.requestWith(realm.hintFor(user).sign()).set("nonce", first.get("nonce"));
        assertErrorPostedToEntra(send(newBrowser(), realm, replay), realm, replay, "invalid_request", "hint_replayed");
    }

    @Test
    void refusesAClientRequestIdThatAlreadyCompletedATransaction() {
        AuthorizationRequest first = realm.requestWith(realm.hintFor(user).sign());
        signIn(newBrowser(), realm, user, first);

        AuthorizationRequest replay = realm.requestWith(realm.hintFor(user).sign()).set("client-request-id", first.get("client-request-id"));
        Browser.Page page = send(newBrowser(), realm, replay);
        assertThat(answerOf(page).field("error")).isEqualTo("invalid_request");
    }

    @Test
    void letsAnAbandonedHintBeRetried() {
        String hint = realm.hintFor(user).sign();
        assertThat(asksForOtp(send(newBrowser(), realm, realm.requestWith(hint)))).isTrue();

        AuthorizationRequest retry = realm.requestWith(hint);
        assertThat(signIn(newBrowser(), realm, user, retry).fields()).containsKey("id_token");
    }

    @Test
    void letsOnlyOneOfTwoRacingBrowsersComplete() {
        String hint = realm.hintFor(user).sign();
        Browser first = newBrowser();
        Browser second = newBrowser();
        AuthorizationRequest firstRequest = realm.requestWith(hint);
        AuthorizationRequest secondRequest = realm.requestWith(hint);
        Browser.Page firstOtp = send(first, realm, firstRequest);
        Browser.Page secondOtp = send(second, realm, secondRequest);

        assertThat(answerOf(submitCode(first, firstOtp, user.nextCode())).fields()).containsKey("id_token");
        assertErrorPostedToEntra(submitCode(second, secondOtp, user.nextCode()), realm, secondRequest,
                "invalid_request", "entra_transaction_replayed");
    }
}
