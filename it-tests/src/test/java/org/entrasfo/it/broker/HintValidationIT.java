package org.entrasfo.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.HintBuilder;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/** Contract 3, rule by rule, against the running realm: each bad hint is an error posted to Entra and an event. */
class HintValidationIT {

    private final TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
    private final EntraUser user = realm.newUser();

    private JsonNode refused(Function<HintBuilder, String> hint, String oidcError, String reason) {
        AuthorizationRequest request = realm.requestWith(hint.apply(realm.hintFor(user)));
        return assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, oidcError, reason);
    }

    @Test
    void refusesATamperedHint() {
        refused(h -> h.withTamperedPayload("someone-else"), "invalid_request", "hint_bad_signature");
    }

    @Test
    void refusesAHintSignedByAnUnknownKey() {
        refused(h -> h.signWithUnpublishedKey(KeycloakUnderTest.simulator().unpublishedKey()), "invalid_request", "hint_unknown_key");
    }

    @Test
    void refusesAnUnsignedHint() {
        refused(HintBuilder::unsigned, "invalid_request", "hint_unsupported_algorithm");
    }

    @Test
    void refusesHs256SignedWithThePublicKey() {
        refused(HintBuilder::hs256WithPublicKey, "invalid_request", "hint_unsupported_algorithm");
    }

    @Test
    void neverTrustsAKeyEmbeddedInTheHint() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
        refused(h -> h.signWithEmbeddedJwk(attacker), "invalid_request", "hint_unknown_key");
    }

    @Test
    void refusesAHintWithoutKid() {
        refused(h -> h.withoutKid().sign(), "invalid_request", "hint_missing_kid");
    }

    @Test
    void refusesALookAlikeIssuerHost() {
        refused(h -> h.issuer("https://login.microsoftonline.com.evil.example/" + realm.tenantId() + "/v2.0").sign(),
                "invalid_request", "hint_untrusted_issuer");
    }

    @Test
    void refusesAnotherCloudsIssuer() {
        refused(h -> h.issuer("https://login.microsoftonline.us/" + realm.tenantId() + "/v2.0").sign(),
                "invalid_request", "hint_untrusted_issuer");
    }

    @Test
    void refusesAnIssuerTenantOtherThanTid() {
        refused(h -> h.issuer("https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0").sign(),
                "invalid_request", "hint_issuer_tenant_mismatch");
    }

    @Test
    void refusesAHintOfAnotherRealmsTenant() {
        TenantRealm other = TenantRealm.of(MicrosoftCloud.CHINA);
        refused(h -> h.tenant(MicrosoftCloud.GLOBAL, other.tenantId()).sign(), "invalid_request", "hint_wrong_tenant");
    }

    @Test
    void refusesAnotherAudience() {
        refused(h -> h.audience("11111111-2222-3333-4444-555555555555").sign(), "invalid_request", "hint_wrong_audience");
    }

    @Test
    void refusesAHintWithoutSub() {
        refused(h -> h.claim("sub", null).sign(), "invalid_request", "hint_missing_claim");
    }

    @Test
    void refusesAHintWithoutOid() {
        refused(h -> h.claim("oid", null).sign(), "invalid_request", "hint_missing_claim");
    }

    @Test
    void refusesAHintWithoutTid() {
        refused(h -> h.claim("tid", null).sign(), "invalid_request", "hint_missing_claim");
    }

    @Test
    void refusesAHintIssuedInTheFuture() {
        refused(h -> h.issuedAt(Instant.now().plus(Duration.ofMinutes(10))).sign(), "invalid_request", "hint_not_yet_valid");
    }

    @Test
    void refusesAnOldHint() {
        refused(h -> h.issuedAt(Instant.now().minus(Duration.ofMinutes(30))).sign(), "invalid_request", "hint_too_old");
    }

    @Test
    void refusesARequestWithoutHint() {
        AuthorizationRequest request = realm.requestWith("unused").without("id_token_hint");
        assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, "invalid_request", "hint_missing");
    }

    @Test
    void refusesAnEntraUserNoKeycloakUserIsBoundTo() {
        JsonNode event = refused(h -> h.user("6f1c0000-0000-4000-8000-000000000099", "sub-stranger", user.username() + "@contoso.example", "Stranger").sign(),
                "access_denied", "user_not_linked");
        assertThat(event.path("details").path("entra_oid").asText()).isEqualTo("6f1c0000-0000-4000-8000-000000000099");
    }
}
