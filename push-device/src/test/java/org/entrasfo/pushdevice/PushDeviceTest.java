package org.entrasfo.pushdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reference device sends, checked without a realm; the realm's side is in the integration tests. */
class PushDeviceTest {

    @Test
    void readsTheEnrolmentTokenFromTheQrCodesLink() {
        String link = "https://mfa.example.org/realms/contoso/sfo-push/app/#enrol=aaa.bbb.ccc";

        assertThat(EnrolmentLink.parse(link).token()).isEqualTo("aaa.bbb.ccc");
        assertThat(EnrolmentLink.parse(link).realmUrl()).isEqualTo("https://mfa.example.org/realms/contoso");
    }

    @Test
    void aBareTokenIsSentToItsIssuerAndAnythingElseIsNoEnrolment() {
        // {"alg":"HS512"}.{"iss":"https://mfa.example.org/realms/contoso"}.sig
        String token = "eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJodHRwczovL21mYS5leGFtcGxlLm9yZy9yZWFsbXMvY29udG9zbyJ9.c2ln";

        assertThat(EnrolmentLink.parse(" " + token + " ")).isEqualTo(new EnrolmentLink("https://mfa.example.org/realms/contoso", token));
        assertThatThrownBy(() -> EnrolmentLink.parse("https://mfa.example.org/somewhere"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither");
    }

    @Test
    void signsEveryRequestWithItsKeyAndAFreshJti(@TempDir Path dir) throws Exception {
        PushDevice device = PushDevice.generate("phone", HttpClient.newHttpClient());
        Path state = dir.resolve("device.json");
        device.save(state);
        ECKey publicKey = ECKey.parse(Files.readString(state).replaceAll("(?s).*\"key\"\\s*:\\s*(\\{[^}]*}).*", "$1")).toPublicJWK();

        SignedJWT first = SignedJWT.parse(device.sign(device.requestHeader(), device.requestClaims("approve").claim("challenge", "c1").claim("number", 42).build()));
        SignedJWT second = SignedJWT.parse(device.sign(device.requestHeader(), device.requestClaims("approve").claim("challenge", "c1").claim("number", 42).build()));

        assertThat(first.verify(new ECDSAVerifier(publicKey))).isTrue();
        assertThat(first.getHeader().getType().getType()).isEqualTo("sfo-push+jwt");
        assertThat(first.getJWTClaimsSet().getLongClaim("number")).isEqualTo(42);
        assertThat(first.getJWTClaimsSet().getExpirationTime().getTime() - first.getJWTClaimsSet().getIssueTime().getTime())
                .isLessThanOrEqualTo(120_000);
        assertThat(first.getJWTClaimsSet().getJWTID()).isNotEqualTo(second.getJWTClaimsSet().getJWTID());
        assertThat(PushDevice.load(state, HttpClient.newHttpClient()).fingerprint()).isEqualTo(device.fingerprint());
        assertThat(Files.getPosixFilePermissions(state)).hasSize(2);
    }

    @Test
    void anEnrolmentRequestCarriesThePublicKeyNeverThePrivateOne() throws Exception {
        PushDevice device = PushDevice.generate("phone", HttpClient.newHttpClient());

        SignedJWT enrolment = SignedJWT.parse(device.sign(device.enrolmentHeader(),
                device.enrolmentClaims("https://mfa.example.org/realms/contoso", Map.of("enrolment_code", "ABCDE-FGH23"), null).build()));

        assertThat(enrolment.getHeader().getType().getType()).isEqualTo("sfo-push-enrolment+jwt");
        assertThat(enrolment.getHeader().getKeyID()).as("no kid before enrolment").isNull();
        assertThat(enrolment.getHeader().getJWK().isPrivate()).isFalse();
        assertThat(enrolment.verify(new ECDSAVerifier(enrolment.getHeader().getJWK().toECKey()))).isTrue();
        assertThat(enrolment.getJWTClaimsSet().getAudience()).containsExactly("https://mfa.example.org/realms/contoso");
        assertThat(enrolment.getJWTClaimsSet().getClaims()).containsEntry("enrolment_code", "ABCDE-FGH23")
                .containsEntry("device_name", "phone").doesNotContainKey("push_subscription").doesNotContainKey("sub");
    }

    @Test
    void aDeviceKeyMadeElsewhereMustBeAPrivateP256Key() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();

        assertThat(PushDevice.withKey("phone", key, HttpClient.newHttpClient()).fingerprint()).isEqualTo(key.computeThumbprint().toString());
        assertThatThrownBy(() -> PushDevice.withKey("phone", key.toPublicJWK(), HttpClient.newHttpClient()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushDevice.withKey("phone", new ECKeyGenerator(Curve.P_384).generate(), HttpClient.newHttpClient()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
