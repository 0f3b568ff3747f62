package org.entrasfo.sfo.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

class VapidTest {

    @Test
    void signsForThePushServicesOriginWithTheRealmsKey() throws Exception {
        KeyPair keys = P256.newKeyPair();
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        String header = Vapid.authorizationHeader(URI.create("https://fcm.googleapis.com:443/fcm/send/abc"), keys,
                "mailto:security@hospital.example", now);

        assertThat(header).startsWith("vapid t=").contains(", k=");
        String token = header.substring("vapid t=".length(), header.indexOf(','));
        String k = header.substring(header.indexOf("k=") + 2);
        ECPublicKey announced = P256.decodePublic(Base64.getUrlDecoder().decode(k));
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new ECDSAVerifier(announced))).isTrue();
        assertThat(announced).isEqualTo(keys.getPublic());
        assertThat(jwt.getJWTClaimsSet().getAudience()).isEqualTo(List.of("https://fcm.googleapis.com"));
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("mailto:security@hospital.example");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isAfter(now).isBefore(now.plusSeconds(24 * 3600));
    }

    @Test
    void keepsANonDefaultPortInTheAudience() {
        assertThat(Vapid.origin(URI.create("http://127.0.0.1:8089/push/1"))).isEqualTo("http://127.0.0.1:8089");
    }
}
