package org.entrasfo.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.util.Base64URL;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/** Contract 3.8: what completed a transaction cannot start another one, on any node. */
class ReplayIT {

    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
    private final EntraUser user = realm.newUser();

    /** The last part of a compact hint, as the JOSE library reads it (leniently). */
    private static byte[] signatureBytesOf(String hint) {
        return new Base64URL(hint.substring(hint.lastIndexOf('.') + 1)).decode();
    }

    /** The same signature bytes spelled with other unused trailing bits (256 bytes take 342 characters: 4 spare bits). */
    private static String withOtherTrailingBits(String hint) {
        char last = hint.charAt(hint.length() - 1);
        return hint.substring(0, hint.length() - 1) + URL_SAFE.charAt(URL_SAFE.indexOf(last) ^ 1);
    }

    /** The same signature bytes with characters a lenient base64url decoder skips. */
    private static List<String> withStrayCharacters(String hint) {
        int middle = hint.lastIndexOf('.') + 171;
        return List.of(
                hint.substring(0, middle) + "\n" + hint.substring(middle),
                hint.substring(0, middle) + "\u00e9" + hint.substring(middle),
                hint + "==");
    }

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

    @Test
    void refusesASpentHintReSpelledWithOtherTrailingBits() {
        String hint = realm.hintFor(user).sign();
        AuthorizationRequest first = realm.requestWith(hint);
        signIn(newBrowser(), realm, user, first);

        String reSpelled = withOtherTrailingBits(hint);
        assertThat(reSpelled).isNotEqualTo(hint);
        assertThat(signatureBytesOf(reSpelled)).isEqualTo(signatureBytesOf(hint));
        // Nonce and client-request-id are fresh: an attacker chooses both.
        AuthorizationRequest replay = realm.requestWith(reSpelled);
        assertThat(replay.get("nonce")).isNotEqualTo(first.get("nonce"));
        assertThat(replay.get("client-request-id")).isNotEqualTo(first.get("client-request-id"));
        assertErrorPostedToEntra(send(newBrowser(), realm, replay), realm, replay, "invalid_request", "hint_non_canonical_encoding");
    }

    @Test
    void refusesASpentHintReSpelledWithStrayCharacters() {
        String hint = realm.hintFor(user).sign();
        signIn(newBrowser(), realm, user, realm.requestWith(hint));

        for (String reSpelled : withStrayCharacters(hint)) {
            assertThat(signatureBytesOf(reSpelled)).isEqualTo(signatureBytesOf(hint));
            AuthorizationRequest replay = realm.requestWith(reSpelled);
            assertErrorPostedToEntra(send(newBrowser(), realm, replay), realm, replay, "invalid_request", "hint_non_canonical_encoding");
        }
    }

    @Test
    void refusesAnotherHintWithTheUtiOfAHintThatCompletedATransaction() {
        String uti = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        String first = realm.hintFor(user).uti(uti).sign();
        signIn(newBrowser(), realm, user, realm.requestWith(first));

        String second = realm.hintFor(user).uti(uti).issuedAt(Instant.now().minusSeconds(30)).sign();
        assertThat(signatureBytesOf(second)).isNotEqualTo(signatureBytesOf(first));
        AuthorizationRequest replay = realm.requestWith(second);
        assertErrorPostedToEntra(send(newBrowser(), realm, replay), realm, replay, "invalid_request", "hint_replayed");
    }

    @Test
    void letsOnlyOneOfTwoHintsWithTheSameUtiComplete() {
        String uti = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        Browser first = newBrowser();
        Browser second = newBrowser();
        AuthorizationRequest firstRequest = realm.requestWith(realm.hintFor(user).uti(uti).sign());
        AuthorizationRequest secondRequest = realm.requestWith(realm.hintFor(user).uti(uti).issuedAt(Instant.now().minusSeconds(30)).sign());
        Browser.Page firstOtp = send(first, realm, firstRequest);
        Browser.Page secondOtp = send(second, realm, secondRequest);

        assertThat(answerOf(submitCode(first, firstOtp, user.nextCode())).fields()).containsKey("id_token");
        assertErrorPostedToEntra(submitCode(second, secondOtp, user.nextCode()), realm, secondRequest,
                "invalid_request", "entra_transaction_replayed");
    }
}
