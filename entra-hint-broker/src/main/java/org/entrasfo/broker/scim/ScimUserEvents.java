package org.entrasfo.broker.scim;

import org.entrasfo.factor.transaction.EntraEvents;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A refused SCIM write to a user is a Keycloak event on that user, with the reason and never the refused value (a
 * phone number, an object ID): the realm's admin sees what Entra tried, Entra's admin sees the SCIM error. So is a
 * SCIM delete, which this product turns into a disable.
 */
final class ScimUserEvents {

    static final String ERROR = "scim_write_refused";

    private ScimUserEvents() {
    }

    static final String SOFT_DELETE_REASON = "Entra deleted the user through SCIM: disabled, factors kept";

    static void softDeleted(KeycloakSession session, RealmModel realm, UserModel user) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.UPDATE_PROFILE)
                .user(user)
                .detail(EntraEvents.REASON, SOFT_DELETE_REASON);
        ClientModel client = realm.getClientByClientId(ScimClient.CLIENT_ID);
        if (client != null) {
            event.client(client);
        }
        event.success();
    }

    static void record(KeycloakSession session, RealmModel realm, String userId, ScimWriteRules.Refusal refusal) {
        ClientModel client = realm.getClientByClientId(ScimClient.CLIENT_ID);
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.UPDATE_PROFILE_ERROR)
                .detail(EntraEvents.REASON, refusal.detail());
        if (client != null) {
            event.client(client);
        }
        if (userId != null && session.users().getUserById(realm, userId) != null) {
            event.user(userId);
        }
        event.error(ERROR);
    }
}
