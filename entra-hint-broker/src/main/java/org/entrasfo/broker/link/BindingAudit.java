package org.entrasfo.broker.link;

import java.util.LinkedHashMap;
import java.util.Map;

import org.entrasfo.broker.hint.EntraHint;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Every new binding of an Entra identity to a user is a change of who may sign in as that user, so it is an admin
 * event like an admin's own edit: stored when the realm records admin events, and given to the realm's listeners.
 * It is built with Keycloak's {@link AdminEventBuilder}, as Keycloak's own protection API does outside an admin
 * request; the acting party is the Entra client and the user the hint named, from the browser's address. It names
 * oid, tid and how the user was found; never the hint.
 */
public final class BindingAudit {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientModel client;
    private final ClientConnection connection;

    public BindingAudit(KeycloakSession session, RealmModel realm, ClientModel client, ClientConnection connection) {
        this.session = session;
        this.realm = realm;
        this.client = client;
        this.connection = connection;
    }

    void bound(UserModel user, EntraHint hint, LinkCriterion criterion) {
        Map<String, String> representation = new LinkedHashMap<>();
        representation.put("username", user.getUsername());
        representation.put(EntraUserLinker.OID_ATTRIBUTE, hint.objectId());
        representation.put(EntraUserLinker.TID_ATTRIBUTE, hint.tenantId());
        representation.put("linkedBy", criterion.value());
        new AdminEventBuilder(realm, new AdminAuth(realm, null, user, client), session, connection)
                .operation(criterion == LinkCriterion.CREATED ? OperationType.CREATE : OperationType.UPDATE)
                .resource(ResourceType.USER)
                .resourcePath("users", user.getId())
                .representation(representation)
                .detail("entra_link", criterion.value())
                .success();
    }
}
