package org.entrasfo.sfo.push.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.entrasfo.factor.fuzz.FuzzExecutions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A device request body (protocol section 1.1) up to the first question to the realm: before that, every body is
 * refused as {@code invalid_request} or {@code invalid_token} and nothing else is thrown; an enrolment request gets
 * that far only with a signature made by the key in its own header; no request is ever verified without the realm.
 * The realm's side (device keys, audience, single use) is covered against the real distribution in {@code it-tests}.
 */
class DeviceRequestFuzzTest {

    private static final FuzzExecutions RUN = new FuzzExecutions("push device request (DeviceRequests)");
    private static final String REALM_URL = "https://mfa.example.org/realms/contoso";

    @MethodSource("seeds")
    @DictionaryEntries({"eyJ", ".", "\"alg\":\"ES256\"", "\"typ\":\"sfo-push+jwt\"", "\"typ\":\"sfo-push-enrolment+jwt\"",
            "\"kid\"", "\"jwk\"", "\"crv\":\"P-256\"", "\"kty\":\"EC\"", "\"d\"", "\"sub\"", "\"act\"", "\"jti\""})
    @FuzzTest
    void refusesEveryBodyBeforeTheRealmUnlessItsOwnKeySignedIt(byte[] input) {
        RUN.ran();
        String body = new String(input, StandardCharsets.UTF_8);
        DeviceRequests requests = new DeviceRequests(SessionFence.session(), SessionFence.realm());
        try {
            requests.verify(body, java.util.Set.of("poll"), null);
            throw new AssertionError("a device request was verified without looking up its device");
        } catch (DeviceRequestRefused refused) {
            assertRefusal(refused);
        } catch (SessionFence.Reached nextTheDeviceKey) {
            // well-formed, with kid and sub: the realm decides from here
        }
        try {
            requests.verifyEnrolment(body);
            throw new AssertionError("an enrolment request was verified without the realm's audience");
        } catch (DeviceRequestRefused refused) {
            assertRefusal(refused);
        } catch (SessionFence.Reached nextTheAudience) {
            assertThat(signedByItsHeaderKey(body.trim())).as("enrolment signature checked").isTrue();
        }
    }

    private static void assertRefusal(DeviceRequestRefused refused) {
        assertThat(refused.status()).isIn(400, 401);
        assertThat(refused.error()).isIn("invalid_request", "invalid_token");
        assertThat(refused.getMessage()).isNotBlank();
    }

    /** The JDK's ECDSA, not nimbus', over exactly the header and payload characters of the body. */
    private static boolean signedByItsHeaderKey(String compact) {
        try {
            SignedJWT jws = SignedJWT.parse(compact);
            Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            ecdsa.initVerify(((ECKey) jws.getHeader().getJWK()).toECPublicKey());
            ecdsa.update(compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.UTF_8));
            return ecdsa.verify(jws.getSignature().decode());
        } catch (ParseException | GeneralSecurityException | JOSEException | ClassCastException e) {
            return false;
        }
    }

    @AfterAll
    static void report() {
        RUN.report();
    }

    static Stream<byte[]> seeds() throws Exception {
        ECKey device = new ECKeyGenerator(Curve.P_256).generate();
        ECKey otherCurve = new ECKeyGenerator(Curve.P_384).generate();
        Date now = new Date(1795867200_000L);
        Date soon = new Date(1795867260_000L);
        JWTClaimsSet enrolment = new JWTClaimsSet.Builder().audience(REALM_URL).issueTime(now).expirationTime(soon)
                .jwtID("enrol-1").claim("enrolment_code", "K7PX-2QMD").claim("device_name", "Alice's phone")
                .claim("platform", "Android").claim("push_subscription", Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/abc",
                        "keys", Map.of("p256dh", "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
                                "auth", "BTBZMqHH6r4Tts7J_aSIgg")))
                .build();
        JWTClaimsSet poll = new JWTClaimsSet.Builder().subject("5f0c3c1e-user").audience(REALM_URL).issueTime(now)
                .expirationTime(soon).jwtID("poll-1").claim("act", "poll").build();
        JWTClaimsSet approve = new JWTClaimsSet.Builder(poll).jwtID("approve-1").claim("act", "approve")
                .claim("challenge", "c1").claim("number", 42).build();
        JWSHeader.Builder enrolmentHeader = new JWSHeader.Builder(JWSAlgorithm.ES256).type(DeviceRequests.ENROLMENT_TYPE);
        JWSHeader.Builder requestHeader = new JWSHeader.Builder(JWSAlgorithm.ES256).type(DeviceRequests.TYPE).keyID("credential-id");
        List<String> seeds = List.of(
                sign(enrolmentHeader.jwk(device.toPublicJWK()).build(), enrolment, device),
                signRaw("{\"alg\":\"ES256\",\"typ\":\"sfo-push-enrolment+jwt\",\"jwk\":" + device.toJSONString() + "}", enrolment, device),
                sign(new JWSHeader.Builder(JWSAlgorithm.ES384).type(DeviceRequests.ENROLMENT_TYPE).jwk(otherCurve.toPublicJWK()).build(),
                        enrolment, otherCurve),
                sign(requestHeader.build(), poll, device),
                sign(requestHeader.build(), approve, device),
                sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("JWT")).keyID("credential-id").build(), poll, device),
                hs256(poll),
                "only.two",
                "");
        return seeds.stream().map(seed -> seed.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, ECKey key) throws JOSEException {
        SignedJWT jws = new SignedJWT(header, claims);
        jws.sign(new ECDSASigner(key));
        return jws.serialize();
    }

    /** A header nimbus would not build (a private key in jwk), signed with the JDK. */
    private static String signRaw(String header, JWTClaimsSet claims, ECKey key) throws GeneralSecurityException, JOSEException {
        String signingInput = Base64URL.encode(header).toString() + "." + Base64URL.encode(claims.toString()).toString();
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initSign(key.toECPrivateKey());
        ecdsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(ecdsa.sign());
    }

    private static String hs256(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jws = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(DeviceRequests.TYPE).keyID("credential-id").build(), claims);
        jws.sign(new MACSigner(new byte[32]));
        return jws.serialize();
    }
}
