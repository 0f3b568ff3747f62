package org.entrasfo.sfo.push.device;

import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.sfo.push.PushApprovalAuthenticator;
import org.entrasfo.sfo.push.challenge.PushChallenge;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The push protocol's Keycloak events. Events are stored in the database, so a refusal becomes one only when a valid
 * device signature or a valid enrolment permission tied the request to a user; anonymous garbage gets a debug line.
 */
final class PushEvents {

    static final String ERROR_INVALID_DEVICE_REQUEST = "sfo_push_invalid_device_request";
    private static final Logger LOG = Logger.getLogger(PushEvents.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    PushEvents(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    EventBuilder event(EventType type) {
        return new EventBuilder(realm, session, session.getContext().getConnection()).event(type)
                .detail(EntraEvents.FACTOR, PushApprovalAuthenticator.FACTOR);
    }

    EventBuilder withChallenge(EventBuilder event, PushChallenge challenge) {
        if (challenge != null) {
            event.client(challenge.clientId());
            if (challenge.clientRequestId() != null) {
                event.detail(EntraEvents.CLIENT_REQUEST_ID, challenge.clientRequestId());
            }
            if (challenge.tenant() != null) {
                event.detail(EntraEvents.TENANT_ID, challenge.tenant());
            }
        }
        return event;
    }

    void refused(DeviceRequestRefused refused, PushChallenge challenge) {
        if (refused.userId() == null) {
            LOG.debugf("Anonymous push request refused in realm %s: %s", realm.getName(), refused.getMessage());
            return;
        }
        withChallenge(event(EventType.LOGIN_ERROR), challenge).user(refused.userId())
                .detail(EntraEvents.REASON, refused.getMessage()).error(ERROR_INVALID_DEVICE_REQUEST);
    }
}
