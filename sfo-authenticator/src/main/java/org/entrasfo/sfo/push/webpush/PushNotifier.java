package org.entrasfo.sfo.push.webpush;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.entrasfo.sfo.push.PushDeviceCredential;
import org.entrasfo.sfo.push.PushDeviceCredentialProvider;
import org.entrasfo.sfo.push.PushServiceSettings;
import org.entrasfo.sfo.push.challenge.PushChallenge;
import org.entrasfo.sfo.push.enrolment.PushEnrolments;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * Sends a challenge to every device of the user that has a push subscription, through Keycloak's HTTP client (the
 * admin's proxy and trust store apply). The payload holds ids only; the device fetches what to show with a signed
 * request. A device the push service reports gone keeps its credential and falls back to polling.
 */
public class PushNotifier {

    private static final Logger LOG = Logger.getLogger(PushNotifier.class);

    private final VapidKeys vapidKeys;
    private final PushServiceSettings settings;

    public PushNotifier(VapidKeys vapidKeys, PushServiceSettings settings) {
        this.vapidKeys = vapidKeys;
        this.settings = settings;
    }

    /** How many devices the push service accepted the message for. */
    public int notifyDevices(KeycloakSession session, RealmModel realm, UserModel user, PushChallenge challenge) {
        String realmUrl = PushEnrolments.realmUrl(session, realm);
        KeyPair vapid = null;
        WebPushSender sender = null;
        int delivered = 0;
        for (PushDeviceCredential device : PushDeviceCredentialProvider.devicesOf(user).toList()) {
            if (!device.reachableByPush()) {
                continue;
            }
            if (sender == null) {
                vapid = vapidKeys.of(session, realm);
                sender = new WebPushSender(session.getProvider(HttpClientProvider.class).getHttpClient(),
                        settings.allowList(), vapid, settings.vapidSubjectFor(realmUrl), settings.timeouts());
            }
            PushSubscription subscription;
            try {
                subscription = PushSubscription.fromJson(device.subscription());
            } catch (IllegalArgumentException e) {
                LOG.warnf("Push device %s of a user in realm %s has an unusable subscription; it polls instead", device.credentialId(), realm.getName());
                PushDeviceCredentialProvider.update(user, device.withSubscription(null));
                continue;
            }
            WebPushSender.Delivery delivery = sender.send(subscription, payload(realmUrl, challenge, device),
                    Duration.ofSeconds(Math.max(1, challenge.expiresAt() - Time.currentTime())));
            switch (delivery.outcome()) {
                case DELIVERED -> delivered++;
                case GONE -> PushDeviceCredentialProvider.update(user, device.withSubscription(null));
                default -> LOG.debugf("Push to device %s in realm %s not delivered: %s", device.credentialId(), realm.getName(), delivery.reason());
            }
        }
        return delivered;
    }

    static byte[] payload(String realmUrl, PushChallenge challenge, PushDeviceCredential device) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("v", 1);
        payload.put("type", "sfo-push-challenge");
        payload.put("realm_url", realmUrl);
        payload.put("challenge", challenge.id());
        payload.put("credential_id", device.credentialId());
        try {
            return JsonSerialization.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
