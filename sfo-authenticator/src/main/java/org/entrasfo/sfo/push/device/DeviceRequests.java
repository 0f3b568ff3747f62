package org.entrasfo.sfo.push.device;

import java.text.ParseException;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.entrasfo.sfo.push.PushDeviceCredential;
import org.entrasfo.sfo.push.PushDeviceCredentialProvider;
import org.entrasfo.sfo.push.enrolment.PushEnrolments;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Checks a device's signed request (protocol section 1.1) in the documented order, cheap checks first and writes
 * last: size and form, algorithm and type, the key (a push device credential of the user the request names), the
 * signature, audience and times, what the request asks, and only then the single use of its {@code jti} (the one
 * write). Only {@code sub} is read before the signature, to find whose key to check it with; a refusal names the user
 * only once the signature proved the device.
 */
public final class DeviceRequests {

    public static final JOSEObjectType TYPE = new JOSEObjectType("sfo-push+jwt");
    public static final JOSEObjectType ENROLMENT_TYPE = new JOSEObjectType("sfo-push-enrolment+jwt");
    static final long MAX_LIFETIME_SECONDS = 120;
    static final long CLOCK_SKEW_SECONDS = 60;
    private static final int MAX_LENGTH = 16 * 1024;

    /** A request a device of {@code user} really signed, accepted once. */
    public record Verified(UserModel user, PushDeviceCredential device, JWTClaimsSet claims) {
        public String act() {
            return (String) claims.getClaim("act");
        }
    }

    /** An enrolment request signed by the key it carries; its {@code jti} is not spent yet (see {@link #spend}). */
    public record VerifiedEnrolment(ECKey publicKey, String keyId, JWTClaimsSet claims) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public DeviceRequests(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * A device request whose {@code act} is one of {@code acts}; with a {@code challengeId}, its {@code challenge} claim
     * must name that challenge, so a signed answer cannot be carried to another challenge's URL.
     */
    public Verified verify(String body, Set<String> acts, String challengeId) throws DeviceRequestRefused {
        SignedJWT jws = parse(body, TYPE);
        String kid = jws.getHeader().getKeyID();
        String subject;
        try {
            subject = jws.getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            throw DeviceRequestRefused.invalidRequest("claims are not a JSON object");
        }
        if (kid == null || subject == null || kid.length() > 255 || subject.length() > 255) {
            throw DeviceRequestRefused.invalidToken("kid and sub are required");
        }
        UserModel user = session.users().getUserById(realm, subject);
        PushDeviceCredential device = user == null ? null : PushDeviceCredentialProvider.deviceOf(user, kid).orElse(null);
        if (device == null) {
            throw DeviceRequestRefused.invalidToken("unknown device key");
        }
        if (!user.isEnabled()) {
            throw DeviceRequestRefused.invalidToken("user disabled");
        }
        ECKey key;
        try {
            key = ECKey.parse(device.publicKeyJwk());
        } catch (ParseException e) {
            throw DeviceRequestRefused.invalidToken("device key unreadable");
        }
        JWTClaimsSet claims = verifiedClaims(jws, key);
        try {
            checkAudienceAndTimes(claims);
            if (!acts.contains(claims.getClaim("act"))) {
                throw DeviceRequestRefused.invalidRequest("act must be one of " + String.join(", ", acts));
            }
            if (challengeId != null && !challengeId.equals(claims.getClaim("challenge"))) {
                throw DeviceRequestRefused.invalidRequest("the challenge claim must name the challenge of the path");
            }
            spend(claims, kid);
        } catch (DeviceRequestRefused refused) {
            throw refused.concerning(user.getId());
        }
        return new Verified(user, device, claims);
    }

    /** Form, key and signature, audience and times of an enrolment request; nothing is written. */
    public VerifiedEnrolment verifyEnrolment(String body) throws DeviceRequestRefused {
        SignedJWT jws = parse(body, ENROLMENT_TYPE);
        if (!(jws.getHeader().getJWK() instanceof ECKey key) || key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
            throw DeviceRequestRefused.invalidRequest("the header's jwk must be a public P-256 key");
        }
        String keyId;
        try {
            keyId = key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw DeviceRequestRefused.invalidRequest("unusable key");
        }
        JWTClaimsSet claims = verifiedClaims(jws, key);
        checkAudienceAndTimes(claims);
        return new VerifiedEnrolment(key.toPublicJWK(), keyId, claims);
    }

    /** Spends the enrolment request's {@code jti}: called once the enrolment permission and every field passed. */
    public void spend(VerifiedEnrolment enrolment) throws DeviceRequestRefused {
        spend(enrolment.claims(), enrolment.keyId());
    }

    private static SignedJWT parse(String body, JOSEObjectType type) throws DeviceRequestRefused {
        if (body == null || body.isBlank() || body.length() > MAX_LENGTH) {
            throw DeviceRequestRefused.invalidRequest("the body must be one compact JWS");
        }
        SignedJWT jws;
        try {
            jws = SignedJWT.parse(body.trim());
        } catch (ParseException e) {
            throw DeviceRequestRefused.invalidRequest("the body must be one compact JWS");
        }
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            throw DeviceRequestRefused.invalidToken("alg must be ES256");
        }
        if (!type.equals(jws.getHeader().getType())) {
            throw DeviceRequestRefused.invalidToken("typ must be " + type);
        }
        return jws;
    }

    private static JWTClaimsSet verifiedClaims(SignedJWT jws, ECKey key) throws DeviceRequestRefused {
        try {
            if (!jws.verify(new ECDSAVerifier(key))) {
                throw DeviceRequestRefused.invalidToken("signature does not verify with the device key");
            }
            return jws.getJWTClaimsSet();
        } catch (JOSEException | ParseException e) {
            throw DeviceRequestRefused.invalidToken("signature does not verify with the device key");
        }
    }

    private void checkAudienceAndTimes(JWTClaimsSet claims) throws DeviceRequestRefused {
        String realmUrl = PushEnrolments.realmUrl(session, realm);
        if (claims.getAudience() == null || !claims.getAudience().contains(realmUrl)) {
            throw DeviceRequestRefused.invalidToken("aud must be " + realmUrl);
        }
        Date issued = claims.getIssueTime();
        Date expires = claims.getExpirationTime();
        if (issued == null || expires == null || claims.getJWTID() == null || claims.getJWTID().length() > 128) {
            throw DeviceRequestRefused.invalidToken("iat, exp and jti are required");
        }
        long iat = issued.getTime() / 1000;
        long exp = expires.getTime() / 1000;
        if (exp - iat > MAX_LIFETIME_SECONDS || exp < iat) {
            throw DeviceRequestRefused.invalidToken("exp must be at most " + MAX_LIFETIME_SECONDS + " s after iat");
        }
        long now = Time.currentTime();
        if (now > exp + CLOCK_SKEW_SECONDS || iat > now + CLOCK_SKEW_SECONDS) {
            throw DeviceRequestRefused.invalidToken("request expired or not yet valid");
        }
    }

    /** Each signed request is accepted once; the mark lives as long as the request could still be accepted. */
    private void spend(JWTClaimsSet claims, String keyId) throws DeviceRequestRefused {
        long remaining = claims.getExpirationTime().getTime() / 1000 - Time.currentTime() + CLOCK_SKEW_SECONDS + 1;
        String key = "entra-sfo.push.jti." + realm.getId() + "." + keyId + "." + claims.getJWTID();
        if (!session.singleUseObjects().putIfAbsent(key, Math.max(1, remaining))) {
            throw DeviceRequestRefused.invalidToken("request already used (replay)");
        }
    }

    static Map<String, Object> claimObject(JWTClaimsSet claims, String name) throws DeviceRequestRefused {
        try {
            return claims.getJSONObjectClaim(name);
        } catch (ParseException e) {
            throw DeviceRequestRefused.invalidRequest(name + " must be a JSON object");
        }
    }
}
