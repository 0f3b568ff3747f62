package org.entrasfo.pushdevice;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The reference device of the push approval protocol ({@code docs/push-approval-protocol.md}): a P-256 key and, once
 * enrolled, the realm, user and credential it belongs to. Each step of the protocol is one method. Each is made of the
 * same public building blocks (the header and claims of a request, {@link #sign} with the device key, {@link #post} to
 * the realm), for programs that speak the protocol step by step. Refusals are answers, not exceptions, so a caller can
 * look at them; only {@link #enrol}, {@link #poll} and {@link #context}, which have nothing to give without the realm's
 * yes, throw.
 */
public final class PushDevice {

    /** Section 1.1: the type of every request after enrolment. */
    public static final JOSEObjectType REQUEST_TYPE = new JOSEObjectType("sfo-push+jwt");
    /** Section 1.1: the type of the enrolment request only, so that neither can stand in for the other. */
    public static final JOSEObjectType ENROLMENT_TYPE = new JOSEObjectType("sfo-push-enrolment+jwt");
    /** Well inside the realm's 120 s: a captured request is of no use for long. */
    public static final Duration REQUEST_LIFETIME = Duration.ofSeconds(60);
    private static final String DEVICE_PATH = "/sfo-push/device";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RealmConnection realm;
    private final ECKey key;
    private final String deviceName;
    private String realmUrl;
    private String userId;
    private String credentialId;

    /** An answer of the realm: its HTTP status, its JSON body, and the JWS it answers (null for a GET). */
    public record Answer(int status, JsonNode body, String sentJws) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** A challenge waiting for this device (section 3.3). */
    public record PendingChallenge(String challenge, long expiresAt) {
    }

    /** What the device shows for a challenge (section 3.4). */
    public record ChallengeContext(JsonNode body) {
        public String numberMatching() {
            return body.path("number_matching").asText();
        }

        public List<Integer> choices() {
            List<Integer> choices = new ArrayList<>();
            body.path("choices").forEach(choice -> choices.add(choice.asInt()));
            return choices;
        }

        public String application() {
            return body.path("application").asText();
        }
    }

    private PushDevice(String deviceName, ECKey key, HttpClient http) {
        this.realm = new RealmConnection(http);
        this.key = key;
        this.deviceName = deviceName;
    }

    /** A new device with a new key, not yet enrolled. */
    public static PushDevice generate(String deviceName, HttpClient http) {
        try {
            return new PushDevice(deviceName, new ECKeyGenerator(Curve.P_256).generate(), http);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new device with a private P-256 key made elsewhere (a key store, a program that keeps it), not yet enrolled. */
    public static PushDevice withKey(String deviceName, ECKey key, HttpClient http) {
        if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
            throw new IllegalArgumentException("a device key is a private P-256 key (section 1)");
        }
        return new PushDevice(deviceName, key, http);
    }

    /** The device a state file holds (see {@link #save}). */
    public static PushDevice load(Path stateFile, HttpClient http) {
        DeviceStateFile.Contents state = DeviceStateFile.read(stateFile);
        PushDevice device = new PushDevice(state.deviceName(), state.key(), http);
        device.realmUrl = state.realmUrl();
        device.userId = state.userId();
        device.credentialId = state.credentialId();
        return device;
    }

    /** Writes the device, its private key included, to a file only its owner can read. */
    public void save(Path stateFile) {
        DeviceStateFile.write(stateFile, new DeviceStateFile.Contents(deviceName, key, realmUrl, userId, credentialId));
    }

    public String deviceName() {
        return deviceName;
    }

    public String realmUrl() {
        return realmUrl;
    }

    public String userId() {
        return userId;
    }

    public String credentialId() {
        return credentialId;
    }

    /** The key's JWK thumbprint: what a person may compare, never the key itself. */
    public String fingerprint() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- enrolment (section 2) ----

    /** Enrols with the QR code's content (the app link with {@code #enrol=}) or a bare token; fails unless the realm agrees. */
    public Answer enrol(String qrContentOrToken, Map<String, Object> pushSubscription) {
        Answer answer = tryEnrol(qrContentOrToken, pushSubscription);
        if (!answer.ok()) {
            throw new IllegalStateException("enrolment refused: HTTP " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    /** Enrols with the QR code's content or a bare token; {@code pushSubscription} null for a device that polls. */
    public Answer tryEnrol(String qrContentOrToken, Map<String, Object> pushSubscription) {
        EnrolmentLink link = EnrolmentLink.parse(qrContentOrToken);
        return enrolWith(link.realmUrl(), Map.of("enrolment_token", link.token()), pushSubscription);
    }

    /** Enrols with the code the enrolment page shows, as an installed app that cannot receive the link does. */
    public Answer enrolWithCode(String realmUrl, String code, Map<String, Object> pushSubscription) {
        return enrolWith(realmUrl, Map.of("enrolment_code", code), pushSubscription);
    }

    private Answer enrolWith(String realmUrl, Map<String, Object> permission, Map<String, Object> pushSubscription) {
        return postEnrolment(realmUrl, sign(enrolmentHeader(), enrolmentClaims(realmUrl, permission, pushSubscription).build()));
    }

    // ---- after enrolment (sections 1.3, 2 and 3) ----

    /** The configuration of the realm the device enrolled with: its VAPID public key for a push subscription. */
    public JsonNode configuration() {
        return configuration(realmUrl);
    }

    /** A realm's configuration, before enrolment: a device subscribes with the realm's VAPID key first (section 2.2). */
    public JsonNode configuration(String realmUrl) {
        return realm.get(realmUrl + DEVICE_PATH + "/configuration").body();
    }

    /** A new push subscription (section 2, last paragraph), or none ({@code null}) to poll from now on. */
    public Answer subscribe(Map<String, Object> pushSubscription) {
        JWTClaimsSet.Builder claims = requestClaims("subscribe");
        if (pushSubscription != null) {
            claims.claim("push_subscription", pushSubscription);
        }
        return send("/subscription", claims.build());
    }

    /** The challenges waiting for this device (section 3.3): what a device without a push service asks every few seconds. */
    public List<PendingChallenge> poll() {
        Answer answer = send("/requests", requestClaims("poll").build());
        if (!answer.ok()) {
            throw new IllegalStateException("poll refused: HTTP " + answer.status() + " " + answer.body());
        }
        List<PendingChallenge> pending = new ArrayList<>();
        answer.body().path("challenges").forEach(c -> pending.add(new PendingChallenge(c.path("challenge").asText(), c.path("expires_at").asLong())));
        return pending;
    }

    /** What to show the user before they answer (section 3.4). */
    public ChallengeContext context(String challengeId) {
        Answer answer = send(challengePath(challengeId, "context"), requestClaims("context").claim("challenge", challengeId).build());
        if (!answer.ok()) {
            throw new IllegalStateException("context refused: HTTP " + answer.status() + " " + answer.body());
        }
        return new ChallengeContext(answer.body());
    }

    /** Approves with the number the user picked or typed (section 3.5). */
    public Answer approve(String challengeId, int number) {
        return send(challengePath(challengeId, "response"),
                requestClaims("approve").claim("challenge", challengeId).claim("number", number).build());
    }

    /** {@code reason}: {@code declined}, or {@code not_requested} ("I did not request this"). */
    public Answer deny(String challengeId, String reason) {
        return send(challengePath(challengeId, "response"),
                requestClaims("deny").claim("challenge", challengeId).claim("reason", reason).build());
    }

    /** The challenge id a decrypted push carries (section 3.2), after checking it is meant for this device. */
    public String challengeIdFromPush(byte[] decryptedPayload) {
        try {
            JsonNode payload = JSON.readTree(decryptedPayload);
            if (!"sfo-push-challenge".equals(payload.path("type").asText()) || !realmUrl.equals(payload.path("realm_url").asText())
                    || !credentialId.equals(payload.path("credential_id").asText())) {
                throw new IllegalArgumentException("a push for another device: " + payload);
            }
            return payload.path("challenge").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a push of this protocol", e);
        }
    }

    private static String challengePath(String challengeId, String what) {
        return "/challenges/" + challengeId + "/" + what;
    }

    private Answer send(String devicePath, JWTClaimsSet claims) {
        return post(DEVICE_PATH + devicePath, sign(requestHeader(), claims));
    }

    // ---- the building blocks of every request (section 1.1) ----

    /** The header of this device's requests: ES256, {@code sfo-push+jwt}, its credential id as {@code kid}. */
    public JWSHeader requestHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(REQUEST_TYPE).keyID(credentialId).build();
    }

    /** A new builder of a request's claims: {@code aud}, {@code sub}, a fresh {@code jti}, {@code iat}, {@code exp}, {@code act}. */
    public JWTClaimsSet.Builder requestClaims(String act) {
        return timedClaims(realmUrl).subject(userId).claim("act", act);
    }

    /** The header of an enrolment request: ES256, {@code sfo-push-enrolment+jwt}, the device's public key. */
    public JWSHeader enrolmentHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(ENROLMENT_TYPE).jwk(key.toPublicJWK()).build();
    }

    /**
     * A new builder of an enrolment request's claims: {@code aud} and times, the device's name and platform, the
     * permission ({@code enrolment_token} or {@code enrolment_code}) and the push subscription, if any.
     */
    public JWTClaimsSet.Builder enrolmentClaims(String realmUrl, Map<String, Object> permission, Map<String, Object> pushSubscription) {
        JWTClaimsSet.Builder claims = timedClaims(realmUrl).claim("device_name", deviceName).claim("platform", "reference-client");
        permission.forEach(claims::claim);
        if (pushSubscription != null) {
            claims.claim("push_subscription", pushSubscription);
        }
        return claims;
    }

    private static JWTClaimsSet.Builder timedClaims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().audience(audience).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(REQUEST_LIFETIME)));
    }

    /** The one place the device key signs: these claims under this header, as a compact JWS. */
    public String sign(JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(key.toECPrivateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a signed request to a path of the device's realm ({@code /sfo-push/device/...}). */
    public Answer post(String realmPath, String jws) {
        return realm.post(realmUrl + realmPath, jws);
    }

    /** Posts a signed enrolment request; when the realm agrees, the device belongs to the realm, user and credential it names. */
    public Answer postEnrolment(String realmUrl, String jws) {
        Answer answer = realm.post(realmUrl + DEVICE_PATH + "/enrolments", jws);
        if (answer.ok()) {
            this.realmUrl = answer.body().path("realm_url").asText(realmUrl);
            this.userId = answer.body().path("user_id").asText();
            this.credentialId = answer.body().path("credential_id").asText();
        }
        return answer;
    }
}
