package org.entrasfo.sfo.push.device;

import java.util.Map;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;
import org.entrasfo.sfo.push.PushDeviceCredential;
import org.entrasfo.sfo.push.enrolment.PushEnrolments;
import org.entrasfo.sfo.push.webpush.PushServiceAllowList;
import org.entrasfo.sfo.push.webpush.PushSubscription;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A device's enrolment (protocol section 2). What allows it: the single-use enrolment token or code the realm showed
 * to this user only (the flow's enrolment page while the factor's enrolment policy allows it, or the required action
 * after the user signed in to the Account Console). The checks run cheapest first and every write comes last, so an
 * anonymous or forged request leaves nothing behind: the request's form, key, signature, audience and times; the
 * enrolment token or code (reads only); device name and push subscription; the user; then the writes (the request's
 * {@code jti}, the enrolment, the credential).
 */
final class DeviceEnrolment {

    static final int MAX_DEVICE_NAME = 100;

    /** A device that is now a credential of {@code user}. */
    record Enrolled(UserModel user, String credentialId, boolean push) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PushServiceAllowList allowList;

    DeviceEnrolment(KeycloakSession session, RealmModel realm, PushServiceAllowList allowList) {
        this.session = session;
        this.realm = realm;
        this.allowList = allowList;
    }

    Enrolled enrol(String body) throws DeviceRequestRefused {
        DeviceRequests requests = new DeviceRequests(session, realm);
        DeviceRequests.VerifiedEnrolment request = requests.verifyEnrolment(body);
        JWTClaimsSet claims = request.claims();
        PushEnrolments enrolments = new PushEnrolments(session);
        String token = stringClaim(claims, "enrolment_token");
        String code = stringClaim(claims, "enrolment_code");
        Optional<PushEnrolments.Pending> permitted = token != null ? enrolments.forToken(realm, token)
                : code != null ? enrolments.forCode(realm, code) : Optional.empty();
        if (permitted.isEmpty()) {
            throw DeviceRequestRefused.invalidToken("enrolment token or code invalid, expired or already used");
        }
        PushEnrolments.Pending pending = permitted.get();
        try {
            String name = deviceName(stringClaim(claims, "device_name"));
            String platform = truncate(stringClaim(claims, "platform"), 60);
            Map<String, Object> subscription = acceptedSubscription(DeviceRequests.claimObject(claims, "push_subscription"), allowList);
            UserModel user = session.users().getUserById(realm, pending.userId());
            if (user == null || !user.isEnabled()) {
                throw DeviceRequestRefused.invalidToken("the user of this enrolment cannot enrol");
            }
            requests.spend(request);
            if (!enrolments.spend(pending)) {
                throw DeviceRequestRefused.invalidToken("enrolment token or code invalid, expired or already used");
            }
            PushDeviceCredential device = PushDeviceCredential.newDevice(name, request.publicKey().toJSONObject(), platform, subscription);
            String credentialId = user.credentialManager().createStoredCredential(device.toModel()).getId();
            enrolments.completed(pending, credentialId);
            return new Enrolled(user, credentialId, subscription != null);
        } catch (DeviceRequestRefused refused) {
            throw refused.concerning(pending.userId());
        }
    }

    /** A subscription the realm will send to, or null for a device that polls. */
    static Map<String, Object> acceptedSubscription(Map<String, Object> claim, PushServiceAllowList allowList) throws DeviceRequestRefused {
        if (claim == null || claim.isEmpty()) {
            return null;
        }
        PushSubscription subscription;
        try {
            subscription = PushSubscription.fromJson(claim);
        } catch (IllegalArgumentException e) {
            throw new DeviceRequestRefused(400, "invalid_push_subscription", e.getMessage());
        }
        if (!allowList.allows(subscription.endpoint())) {
            throw new DeviceRequestRefused(400, "invalid_push_subscription",
                    "this realm does not send to the push service of " + subscription.endpoint().getHost());
        }
        return subscription.toJson();
    }

    private static String deviceName(String name) throws DeviceRequestRefused {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_DEVICE_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw DeviceRequestRefused.invalidRequest("device_name must be 1 to " + MAX_DEVICE_NAME + " printable characters");
        }
        return trimmed;
    }

    private static String truncate(String value, int length) {
        return value == null ? null : value.length() <= length ? value : value.substring(0, length);
    }

    static String stringClaim(JWTClaimsSet claims, String name) throws DeviceRequestRefused {
        Object value = claims.getClaim(name);
        if (value != null && !(value instanceof String)) {
            throw DeviceRequestRefused.invalidRequest(name + " must be a string");
        }
        return (String) value;
    }
}
