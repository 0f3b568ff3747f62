package org.entrasfo.it.factors.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.ForgedDeviceRequests;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.OtherSource;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.pushdevice.PushDevice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an anonymous client can make the push endpoints do: nothing in a realm that serves no Entra tenant (master
 * included), no key that could end up among the keys Entra reads, no event and no spent request id for a request that
 * no device signature or enrolment permission ties to a user, and no more than its allowance per source address.
 */
class AnonymousPushRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_PROVIDERS = "/components?type=org.keycloak.keys.KeyProvider";

    /** Its own realm: every event in it comes from this class. */
    private static TenantRealm realm;

    @BeforeAll
    static void tenantRealmWithPush() {
        realm = PushApprovalIT.pushRealm("push-anonymous", Map.of());
    }

    @Test
    void anAnonymousCallInTheMasterRealmFindsNothingAndCreatesNoKey() {
        KeycloakAdmin admin = realm.keycloak().admin();
        int keysBefore = admin.get("/master" + KEY_PROVIDERS).size();

        List<OtherSource.Answer> answers = everyEndpointOnce("master");

        assertThat(answers).allSatisfy(AnonymousPushRequestsIT::assertNotFound);
        assertThat(admin.get("/master" + KEY_PROVIDERS).size()).as("no VAPID key component in master").isEqualTo(keysBefore);
    }

    @Test
    void anAnonymousCallInARealmThatServesNoTenantFindsNothingAndStoresNothing() {
        KeycloakAdmin admin = realm.keycloak().admin();
        String plain = "plain-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("", Map.of("realm", plain, "enabled", true)).status()).isEqualTo(201);
        assertThat(admin.put("/" + plain + "/events/config", Map.of("eventsEnabled", true)).status()).isEqualTo(204);
        int keysBefore = admin.get("/" + plain + KEY_PROVIDERS).size();

        List<OtherSource.Answer> answers = everyEndpointOnce(plain);

        assertThat(answers).allSatisfy(AnonymousPushRequestsIT::assertNotFound);
        assertThat(admin.get("/" + plain + KEY_PROVIDERS).size()).as("no VAPID key component").isEqualTo(keysBefore);
        assertThat(admin.events(plain)).as("no event").isEmpty();
    }

    @Test
    void theVapidKeyIsNoRealmKeySoTheKeysEntraReadsNeverChange() throws Exception {
        KeycloakAdmin admin = realm.keycloak().admin();
        int keysBefore = admin.get("/" + realm.name() + KEY_PROVIDERS).size();
        JsonNode jwksBefore = getJson(realmUrl() + "/protocol/openid-connect/certs");

        List<String> vapidKeys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vapidKeys.add(getJson(push("/device/configuration")).path("vapid_public_key").asText());
        }

        JsonNode jwksAfter = getJson(realmUrl() + "/protocol/openid-connect/certs");
        assertThat(jwksAfter).as("the realm's JWKS, which Entra caches").isEqualTo(jwksBefore);
        assertThat(jwksAfter.path("keys")).isNotEmpty().allSatisfy(key ->
                assertThat(key.path("x5c").isArray() && key.path("x5c").size() > 0).as("x5c of %s", key.path("kid")).isTrue());
        assertThat(admin.get("/" + realm.name() + KEY_PROVIDERS).size()).isEqualTo(keysBefore);
        assertThat(vapidKeys).as("one stable key, a P-256 point").hasSize(3).allMatch(vapidKeys.get(0)::equals);
        assertThat(java.util.Base64.getUrlDecoder().decode(vapidKeys.get(0))).hasSize(65).startsWith((byte) 4);
    }

    @Test
    void malformedOrUnsignedRequestsLeaveNoEvent() throws Exception {
        int eventsBefore = events();
        OtherSource client = OtherSource.random(realm.keycloak());
        ECKey deviceKey = new ECKeyGenerator(Curve.P_256).generate();
        ECKey otherKey = new ECKeyGenerator(Curve.P_256).generate();
        JWTClaimsSet claims = claims(UUID.randomUUID().toString()).claim("enrolment_code", "ABCDEFGH23").claim("device_name", "x").build();

        List<OtherSource.Answer> answers = List.of(
                client.post(push("/device/enrolments"), "application/jwt", "not a jws"),
                client.post(push("/device/enrolments"), "application/jwt", "eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0."),
                client.post(push("/device/enrolments"), "application/jwt", "x".repeat(20_000)),
                client.post(push("/device/enrolments"), "application/jwt",
                        signed(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("sfo-push+jwt")).jwk(deviceKey.toPublicJWK()).build(), claims, deviceKey)),
                client.post(push("/device/enrolments"), "application/jwt", signed(enrolmentHeader(deviceKey), claims, otherKey)),
                client.post(push("/device/requests"), "application/jwt", "a.b.c"),
                client.post(push("/device/requests"), "application/jwt",
                        signed(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("sfo-push+jwt")).keyID(UUID.randomUUID().toString()).build(),
                                claims(UUID.randomUUID().toString()).subject(UUID.randomUUID().toString()).claim("act", "poll").build(), deviceKey)));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isIn(400, 401);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).isIn("invalid_request", "invalid_token");
        });
        assertThat(events()).as("nothing stored for anonymous garbage").isEqualTo(eventsBefore);
    }

    @Test
    void anEnrolmentWithAForgedTokenOrAGuessedCodeStoresNothingAndSpendsNoRequestId() throws Exception {
        EntraUser user = PushApprovalIT.userWithOpenWindow(realm);
        String userId = realm.userId(user);
        PushDevice device = PushApprovalIT.newDevice("phone");
        String jti = UUID.randomUUID().toString();
        int eventsBefore = events();

        PushDevice.Answer forged = ForgedDeviceRequests.enrol(device, realmUrl(), Map.of("enrolment_token", forgedEnrolmentToken(userId)), null, jti);
        PushDevice.Answer guessed = ForgedDeviceRequests.enrol(device, realmUrl(), Map.of("enrolment_code", "ABCDE-FGH23"), null, jti);

        assertThat(List.of(forged, guessed)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body().path("error").asText()).isEqualTo("invalid_token");
            assertThat(answer.body().path("error_description").asText()).doesNotContain("replay");
        });
        assertThat(PushApprovalIT.deviceCredentials(realm, user)).as("no credential").isEmpty();
        assertThat(events()).as("no event").isEqualTo(eventsBefore);

        String link = PushApprovalIT.enrolmentLinkOn(send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign())));
        String token = URLDecoder.decode(link.substring(link.indexOf("#enrol=") + "#enrol=".length()), StandardCharsets.UTF_8);
        PushDevice.Answer genuine = ForgedDeviceRequests.enrol(device, realmUrl(), Map.of("enrolment_token", token), null, jti);

        assertThat(genuine.status()).as("the same request id, unspent by the refused requests: %s", genuine.body()).isEqualTo(201);
        assertThat(PushApprovalIT.deviceCredentials(realm, user)).hasSize(1);
    }

    /** Keycloak's token decoder creates a realm key for the algorithm a kid-less header names, if the realm has none. */
    @Test
    void anEnrolmentTokenNamingAnotherAlgorithmCreatesNoRealmKey() throws Exception {
        KeycloakAdmin admin = realm.keycloak().admin();
        int keysBefore = admin.get("/" + realm.name() + KEY_PROVIDERS).size();
        JsonNode jwksBefore = getJson(realmUrl() + "/protocol/openid-connect/certs");
        PushDevice device = PushApprovalIT.newDevice("phone");
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String claims = base64.encodeToString(("{\"typ\":\"sfo-push-enrolment\",\"iss\":\"" + realmUrl() + "\"}").getBytes(StandardCharsets.UTF_8));

        for (String algorithm : List.of("ES512", "HS384", "RS384", "EdDSA")) {
            String header = base64.encodeToString(("{\"alg\":\"" + algorithm + "\"}").getBytes(StandardCharsets.UTF_8));
            PushDevice.Answer answer = ForgedDeviceRequests.enrol(device, realmUrl(), Map.of("enrolment_token", header + "." + claims + ".c2ln"), null,
                    UUID.randomUUID().toString());
            assertThat(answer.status()).as(algorithm).isEqualTo(401);
        }

        assertThat(admin.get("/" + realm.name() + KEY_PROVIDERS).size()).as("no fallback key provider").isEqualTo(keysBefore);
        assertThat(getJson(realmUrl() + "/protocol/openid-connect/certs")).as("the JWKS Entra caches").isEqualTo(jwksBefore);
    }

    @Test
    void aSourceOverItsAllowanceIsToldToSlowDownAndOtherSourcesAreNotAffected() throws Exception {
        int limit = KeycloakUnderTest.PUSH_REQUESTS_PER_MINUTE;
        OtherSource flooder = OtherSource.random(realm.keycloak());
        int eventsBefore = events();
        long started = System.nanoTime();
        int answered = 0;
        OtherSource.Answer refused = null;
        while (refused == null && answered <= 2 * limit) {
            OtherSource.Answer answer = flooder.post(push("/device/enrolments"), "application/jwt", "not a jws");
            if (answer.status() == 429) {
                refused = answer;
            } else {
                assertThat(answer.status()).isEqualTo(400);
                answered++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(refused).as("a 429 within twice the allowance").isNotNull();
        assertThat(answered).as("the configured allowance, plus what refilled during %.1f s", seconds)
                .isBetween(limit, limit + (int) Math.ceil(seconds * limit / 60) + 1);
        assertThat(Integer.parseInt(refused.retryAfter())).isBetween(1, 60);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("slow_down");
        assertThat(events()).as("nothing stored for the flood").isEqualTo(eventsBefore);
        assertThat(OtherSource.random(realm.keycloak()).get(push("/device/configuration")).status()).as("another source").isEqualTo(200);
    }

    // ---- helpers ----

    /** One request to each endpoint of the push protocol in {@code realmName}, from a source of its own. */
    private static List<OtherSource.Answer> everyEndpointOnce(String realmName) {
        String base = realm.keycloak().realmUrl(realmName) + "/sfo-push";
        OtherSource client = OtherSource.random(realm.keycloak());
        return List.of(
                client.get(base + "/device/configuration"),
                client.get(base + "/app/"),
                client.get(base + "/app/app.js"),
                client.post(base + "/device/enrolments", "application/jwt", "not a jws"),
                client.post(base + "/device/requests", "application/jwt", "a.b.c"),
                client.post(base + "/device/subscription", "application/jwt", "a.b.c"),
                client.post(base + "/device/challenges/x/context", "application/jwt", "a.b.c"),
                client.post(base + "/device/challenges/x/response", "application/jwt", "a.b.c"),
                client.get(base + "/browser/challenges/x?watch=y"),
                client.get(base + "/browser/enrolments/x?watch=y"),
                client.get(base));
    }

    private static void assertNotFound(OtherSource.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        try {
            assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("not_found");
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    private static String realmUrl() {
        return realm.keycloak().realmUrl(realm.name());
    }

    private static String push(String path) {
        return realmUrl() + "/sfo-push" + path;
    }

    private static int events() {
        return realm.keycloak().admin().events(realm.name()).size();
    }

    private static JsonNode getJson(String url) throws Exception {
        var http = realm.keycloak().httpClientBuilder().build();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JWTClaimsSet.Builder claims(String jti) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().audience(realmUrl()).jwtID(jti).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)));
    }

    private static JWSHeader enrolmentHeader(ECKey key) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("sfo-push-enrolment+jwt")).jwk(key.toPublicJWK()).build();
    }

    private static String signed(JWSHeader header, JWTClaimsSet claims, ECKey key) throws Exception {
        SignedJWT jws = new SignedJWT(header, claims);
        jws.sign(new ECDSASigner(key));
        return jws.serialize();
    }

    /** Everything a real enrolment token says, signed by a key that is not the realm's. */
    private static String forgedEnrolmentToken(String userId) throws Exception {
        byte[] secret = new byte[64];
        new SecureRandom().nextBytes(secret);
        Instant now = Instant.now();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), new JWTClaimsSet.Builder()
                .issuer(realmUrl()).audience(realmUrl()).subject(userId).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("typ", "sfo-push-enrolment").build());
        token.sign(new MACSigner(secret));
        return token.serialize();
    }
}
