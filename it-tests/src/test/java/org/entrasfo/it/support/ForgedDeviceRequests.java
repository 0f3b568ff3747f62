package org.entrasfo.it.support;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.entrasfo.pushdevice.PushDevice;

/**
 * What an attacker sends to the push endpoints, built from a real device's parts: a request of the device with any part
 * changed (another subject, audience, kid, request id, time, lifetime or signing key), the exact JWS of an earlier
 * answer again, an enrolment with chosen permission claims and request id. The device module only signs and posts.
 */
public final class ForgedDeviceRequests {

    private ForgedDeviceRequests() {
    }

    /** A request of this device, every part of which may be changed before it is sent. */
    public static Request request(PushDevice device, String act) {
        return new Request(device, act);
    }

    /** Sends the exact JWS of an earlier answer again: what a replay looks like. */
    public static PushDevice.Answer repost(PushDevice device, PushDevice.Answer earlier, String realmPath) {
        return device.post(realmPath, earlier.sentJws());
    }

    /**
     * An enrolment request with exactly these permission claims ({@code enrolment_token} or {@code enrolment_code}) and
     * this {@code jti}, signed by the device key: forged permissions and reused request ids.
     */
    public static PushDevice.Answer enrol(PushDevice device, String realmUrl, Map<String, Object> permission,
            Map<String, Object> pushSubscription, String jti) {
        JWTClaimsSet claims = device.enrolmentClaims(realmUrl, permission, pushSubscription).jwtID(jti).build();
        return device.postEnrolment(realmUrl, device.sign(device.enrolmentHeader(), claims));
    }

    /** A device request under construction; what is not changed is what the device itself would send. */
    public static final class Request {
        private final PushDevice device;
        private final JWTClaimsSet.Builder claims;
        private JWSHeader header;
        private Instant issuedAt = Instant.now();
        private Duration lifetime = PushDevice.REQUEST_LIFETIME;
        private KeyPair otherKey;

        private Request(PushDevice device, String act) {
            this.device = device;
            this.claims = device.requestClaims(act);
            this.header = device.requestHeader();
        }

        public Request claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Request subject(String value) {
            claims.subject(value);
            return this;
        }

        public Request audience(String value) {
            claims.audience(value);
            return this;
        }

        public Request kid(String value) {
            header = new JWSHeader.Builder(header).keyID(value).build();
            return this;
        }

        public Request jti(String value) {
            claims.jwtID(value);
            return this;
        }

        public Request issuedAt(Instant value) {
            issuedAt = value;
            return this;
        }

        public Request lifetime(Duration value) {
            lifetime = value;
            return this;
        }

        /** Signs with another key while still naming this device's credential. */
        public Request signWith(KeyPair other) {
            otherKey = other;
            return this;
        }

        public String sign() {
            JWTClaimsSet built = claims.issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(lifetime))).build();
            return otherKey == null ? device.sign(header, built) : signedWithOtherKey(built);
        }

        public PushDevice.Answer post(String realmPath) {
            return device.post(realmPath, sign());
        }

        private String signedWithOtherKey(JWTClaimsSet built) {
            try {
                SignedJWT jwt = new SignedJWT(header, built);
                jwt.sign(new ECDSASigner((ECPrivateKey) otherKey.getPrivate()));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
