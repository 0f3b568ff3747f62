package org.entrasfo.pushsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in is only a fair judge of the realm if it reads RFC 8291 correctly and refuses what a push service refuses. */
class PushServiceStandInTest {

    /** RFC 8291, Appendix A: the user agent's keys and the message it receives. */
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_"
            + "yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private static PushServiceStandIn pushService;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        pushService = new PushServiceStandIn();
    }

    @AfterAll
    static void stop() {
        pushService.close();
    }

    private static KeyPair rfcUserAgent() throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        var privateKey = KeyFactory.getInstance("EC").generatePrivate(
                new ECPrivateKeySpec(new BigInteger(1, Base64.getUrlDecoder().decode(UA_PRIVATE)), spec));
        return new KeyPair(PushServiceStandIn.publicKey(UA_PUBLIC), privateKey);
    }

    @Test
    void readsTheRfc8291ExampleMessage() throws Exception {
        byte[] plaintext = WebPushDecryption.decrypt(Base64.getUrlDecoder().decode(BODY), rfcUserAgent(), Base64.getUrlDecoder().decode(AUTH_SECRET));

        assertThat(new String(plaintext, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("When I grow up, I want to be a watermelon");
    }

    @Test
    void detectsATamperedMessage() throws Exception {
        byte[] body = Base64.getUrlDecoder().decode(BODY);
        body[body.length - 1] ^= 1;
        KeyPair userAgent = rfcUserAgent();

        assertThatThrownBy(() -> WebPushDecryption.decrypt(body, userAgent, Base64.getUrlDecoder().decode(AUTH_SECRET)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void acceptsOnlyMessagesWithAValidVapidAuthorizationForItself() throws Exception {
        String endpoint = pushService.newEndpoint();
        ECKey vapid = new ECKeyGenerator(Curve.P_256).generate();
        byte[] body = Base64.getUrlDecoder().decode(BODY);

        assertThat(post(endpoint, null, body)).as("no VAPID").isEqualTo(403);
        assertThat(post(endpoint, vapid(vapid, "https://fcm.googleapis.com", Instant.now().plusSeconds(3600)), body)).as("another audience").isEqualTo(403);
        assertThat(post(endpoint, vapid(vapid, pushService.origin(), Instant.now().minusSeconds(10)), body)).as("expired").isEqualTo(403);
        assertThat(post(endpoint, vapid(vapid, pushService.origin(), Instant.now().plusSeconds(48 * 3600)), body)).as("over 24 h").isEqualTo(403);
        assertThat(pushService.received(endpoint)).isEmpty();

        assertThat(post(endpoint, vapid(vapid, pushService.origin(), Instant.now().plusSeconds(3600)), body)).isEqualTo(201);
        assertThat(pushService.received(endpoint)).singleElement()
                .satisfies(push -> assertThat(push.vapidSubject()).isEqualTo("mailto:security@hospital.example"));
        assertThat(post(pushService.origin() + "/push/unknown", vapid(vapid, pushService.origin(), Instant.now().plusSeconds(3600)), body))
                .isEqualTo(404);
        pushService.gone(endpoint);
        assertThat(post(endpoint, vapid(vapid, pushService.origin(), Instant.now().plusSeconds(3600)), body)).isEqualTo(410);
    }

    private static String vapid(ECKey key, String audience, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().audience(audience).expirationTime(Date.from(expires))
                        .subject("mailto:security@hospital.example").build());
        jwt.sign(new ECDSASigner(key));
        byte[] x = key.getX().decode();
        byte[] y = key.getY().decode();
        byte[] point = new byte[65];
        point[0] = 4;
        System.arraycopy(x, 0, point, 33 - x.length, x.length);
        System.arraycopy(y, 0, point, 65 - y.length, y.length);
        return "vapid t=" + jwt.serialize() + ", k=" + Base64.getUrlEncoder().withoutPadding().encodeToString(point);
    }

    private static int post(String endpoint, String authorization, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).header("TTL", "60")
                .header("Content-Encoding", "aes128gcm").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
