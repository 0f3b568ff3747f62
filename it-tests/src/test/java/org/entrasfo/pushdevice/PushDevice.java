package org.entrasfo.pushdevice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.entrasfo.it.secrets.RunSecrets;

/**
 * The reference device of the push approval protocol ({@code docs/push-approval-protocol.md}): a P-256 key and, once
 * enrolled, the realm, user and credential it belongs to. Every request is a JWS signed by the device key, built by
 * one {@link DeviceRequest} builder, which tests also use to build the requests an attacker would send. Refusals are
 * answers, not exceptions, so a caller can look at them.
 */
public final class PushDevice {

    static final JOSEObjectType TYPE = new JOSEObjectType("sfo-push+jwt");
    static final JOSEObjectType ENROLMENT_TYPE = new JOSEObjectType("sfo-push-enrolment+jwt");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final ECKey key;
    private final String deviceName;
    private String realmUrl;
    private String userId;
    private String credentialId;

    /** An answer of the realm: its HTTP status, its JSON body, and the JWS that was sent (for replays). */
    public record Answer(int status, JsonNode body, String sentJws) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public record PendingChallenge(String challenge, long expiresAt) {
    }

    /** What the device shows for a challenge. */
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

    private PushDevice(HttpClient http, ECKey key, String deviceName) {
        this.http = http;
        this.key = key;
        this.deviceName = deviceName;
        if (key.isPrivate()) {
            RunSecrets.add(RunSecrets.Kind.DEVICE_KEY, key.getD().toString());
        }
    }

    public static PushDevice generate(String deviceName, HttpClient http) {
        try {
            return new PushDevice(http, new ECKeyGenerator(Curve.P_256).generate(), deviceName);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
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

    // ---- enrolment ----

    /** Enrols with the QR code's content (the app link with {@code #enrol=}) or a bare token; fails unless the realm agrees. */
    public Answer enrol(String qrContentOrToken, Map<String, Object> pushSubscription) {
        Answer answer = tryEnrol(qrContentOrToken, pushSubscription);
        if (!answer.ok()) {
            throw new IllegalStateException("enrolment refused: HTTP " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    public Answer tryEnrol(String qrContentOrToken, Map<String, Object> pushSubscription) {
        String token = tokenOf(qrContentOrToken);
        RunSecrets.enrolmentToken(token);
        return tryEnrol(realmUrlOf(qrContentOrToken, token), Map.of("enrolment_token", token), pushSubscription,
                UUID.randomUUID().toString());
    }

    /** Enrols with the code the enrolment page shows, as an installed app that cannot receive the link does. */
    public Answer enrolWithCode(String realmUrl, String code, Map<String, Object> pushSubscription) {
        RunSecrets.code(RunSecrets.Kind.PUSH_ENROLMENT, code);
        return tryEnrol(realmUrl, Map.of("enrolment_code", code), pushSubscription, UUID.randomUUID().toString());
    }

    /**
     * An enrolment request with exactly these permission claims ({@code enrolment_token} or {@code enrolment_code}) and
     * this {@code jti}, signed by the device key: what tests use to send forged permissions and reused ids.
     */
    public Answer tryEnrol(String realmUrl, Map<String, Object> permission, Map<String, Object> pushSubscription, String jti) {
        JWTClaimsSet.Builder claims = baseClaims(realmUrl, Instant.now(), Duration.ofSeconds(60)).jwtID(jti)
                .claim("device_name", deviceName).claim("platform", "reference-client");
        permission.forEach(claims::claim);
        if (pushSubscription != null) {
            claims.claim("push_subscription", pushSubscription);
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(ENROLMENT_TYPE).jwk(key.toPublicJWK()).build();
        Answer answer = post(realmUrl + "/sfo-push/device/enrolments", sign(header, claims.build(), key));
        if (answer.ok()) {
            this.realmUrl = answer.body().path("realm_url").asText(realmUrl);
            this.userId = answer.body().path("user_id").asText();
            this.credentialId = answer.body().path("credential_id").asText();
        }
        return answer;
    }

    static String tokenOf(String qrContentOrToken) {
        int fragment = qrContentOrToken.indexOf("#enrol=");
        String token = fragment < 0 ? qrContentOrToken.trim() : qrContentOrToken.substring(fragment + "#enrol=".length());
        return URLDecoder.decode(token, StandardCharsets.UTF_8);
    }

    /** From the link; for a bare token its (unverified) issuer, only to know where to send it. */
    static String realmUrlOf(String qrContentOrToken, String token) {
        int app = qrContentOrToken.indexOf("/sfo-push/app/");
        if (app > 0) {
            return qrContentOrToken.substring(0, app);
        }
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new IllegalArgumentException("neither an enrolment link nor an enrolment token");
        }
    }

    // ---- after enrolment ----

    public JsonNode configuration() {
        return get(realmUrl + "/sfo-push/device/configuration").body();
    }

    public List<PendingChallenge> poll() {
        Answer answer = request("poll").post("/sfo-push/device/requests");
        if (!answer.ok()) {
            throw new IllegalStateException("poll refused: HTTP " + answer.status() + " " + answer.body());
        }
        List<PendingChallenge> pending = new ArrayList<>();
        answer.body().path("challenges").forEach(c -> pending.add(new PendingChallenge(c.path("challenge").asText(), c.path("expires_at").asLong())));
        return pending;
    }

    public ChallengeContext context(String challengeId) {
        Answer answer = request("context").claim("challenge", challengeId).post(challengePath(challengeId, "context"));
        if (!answer.ok()) {
            throw new IllegalStateException("context refused: HTTP " + answer.status() + " " + answer.body());
        }
        return new ChallengeContext(answer.body());
    }

    public Answer approve(String challengeId, int number) {
        return request("approve").claim("challenge", challengeId).claim("number", number).post(challengePath(challengeId, "response"));
    }

    /** {@code reason}: {@code declined}, or {@code not_requested} ("I did not request this"). */
    public Answer deny(String challengeId, String reason) {
        return request("deny").claim("challenge", challengeId).claim("reason", reason).post(challengePath(challengeId, "response"));
    }

    /** Sends the exact JWS of an earlier answer again: what a replay looks like. */
    public Answer repost(Answer earlier, String path) {
        return post(realmUrl + path, earlier.sentJws());
    }

    /** The challenge id a decrypted push carries, after checking it is meant for this device. */
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

    static String challengePath(String challengeId, String what) {
        return "/sfo-push/device/challenges/" + challengeId + "/" + what;
    }

    /** A signed request of this device, every part of which may be changed before it is sent. */
    public DeviceRequest request(String act) {
        return new DeviceRequest(act);
    }

    public final class DeviceRequest {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String subject = userId;
        private String audience = realmUrl;
        private String kid = credentialId;
        private String jti = UUID.randomUUID().toString();
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofSeconds(60);
        private ECKey signingKey = key;

        private DeviceRequest(String act) {
            claims.put("act", act);
        }

        public DeviceRequest claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public DeviceRequest subject(String value) {
            subject = value;
            return this;
        }

        public DeviceRequest audience(String value) {
            audience = value;
            return this;
        }

        public DeviceRequest kid(String value) {
            kid = value;
            return this;
        }

        public DeviceRequest jti(String value) {
            jti = value;
            return this;
        }

        public DeviceRequest issuedAt(Instant value) {
            issuedAt = value;
            return this;
        }

        public DeviceRequest lifetime(Duration value) {
            lifetime = value;
            return this;
        }

        /** Signs with another key while still naming this device's credential: a forgery. */
        public DeviceRequest signWith(KeyPair other) {
            signingKey = new ECKey.Builder(Curve.P_256, (java.security.interfaces.ECPublicKey) other.getPublic())
                    .privateKey((ECPrivateKey) other.getPrivate()).build();
            return this;
        }

        public String sign() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().audience(audience).subject(subject).jwtID(jti)
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(lifetime)));
            claims.forEach(builder::claim);
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(kid).build();
            return PushDevice.sign(header, builder.build(), signingKey);
        }

        public Answer post(String realmPath) {
            return PushDevice.this.post(realmUrl + realmPath, sign());
        }
    }

    private static JWTClaimsSet.Builder baseClaims(String audience, Instant now, Duration lifetime) {
        return new JWTClaimsSet.Builder().audience(audience).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)));
    }

    /** The one place a request of this device is signed. */
    private static String sign(JWSHeader header, JWTClaimsSet claims, ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(key.toECPrivateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- transport ----

    private Answer post(String url, String jws) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/jwt")
                .POST(HttpRequest.BodyPublishers.ofString(jws)), jws);
    }

    private Answer get(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET(), null);
    }

    private Answer exchange(HttpRequest.Builder request, String jws) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, jws);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- state file of the command-line client ----

    public void save(Path file) {
        ObjectNode state = JSON.createObjectNode().put("device_name", deviceName).put("realm_url", realmUrl)
                .put("user_id", userId).put("credential_id", credentialId);
        state.set("key", JSON.valueToTree(key.toJSONObject()));
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file stays as the user's default permissions allow.
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PushDevice load(Path file, HttpClient http) {
        try {
            JsonNode state = JSON.readTree(Files.readString(file));
            PushDevice device = new PushDevice(http, ECKey.parse(JSON.writeValueAsString(state.path("key"))), state.path("device_name").asText());
            device.realmUrl = state.path("realm_url").asText(null);
            device.userId = state.path("user_id").asText(null);
            device.credentialId = state.path("credential_id").asText(null);
            return device;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the state file holds no device key", e);
        }
    }
}
