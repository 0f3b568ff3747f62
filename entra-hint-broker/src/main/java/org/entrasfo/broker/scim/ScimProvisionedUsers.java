package org.entrasfo.broker.scim;

import org.entrasfo.broker.link.EntraUserLinker;
import org.entrasfo.factor.realm.TenantRealms;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What Keycloak's SCIM server cannot express, done in the same transaction as its write (its admin event): a user the
 * SCIM client created or changed is bound to the realm's own tenant ({@code entra_tid}, whatever the client sent),
 * and the address the SCIM write set counts as verified (Entra verified it; the email factor needs a verified
 * address), never one set by someone else; a group it created is marked as Entra's.
 */
public final class ScimProvisionedUsers implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "entra-sfo-scim-users";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                bind(session, event);
            }

            @Override
            public void close() {
            }
        };
    }

    static void bind(KeycloakSession session, AdminEvent event) {
        if (event.getAuthDetails() == null || event.getResourcePath() == null
                || (event.getOperationType() != OperationType.CREATE && event.getOperationType() != OperationType.UPDATE)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null || !TenantRealms.isTenantRealm(realm)) {
            return;
        }
        ClientModel client = realm.getClientById(event.getAuthDetails().getClientId());
        String path = event.getResourcePath();
        if (event.getResourceType() == ResourceType.GROUP && event.getOperationType() == OperationType.CREATE
                && ScimClient.isScimClient(client)) {
            // Entra's own groups are the ones it may change later (ScimGroupWrites).
            GroupModel group = session.groups().getGroupById(realm, path.substring(path.lastIndexOf('/') + 1));
            if (group != null) {
                group.setSingleAttribute(ScimGroupWrites.CREATED_BY_SCIM, "true");
            }
            return;
        }
        if (event.getResourceType() != ResourceType.USER) {
            return;
        }
        UserModel user = session.users().getUserById(realm, path.substring(path.lastIndexOf('/') + 1));
        if (user == null) {
            return;
        }
        if (!ScimClient.isScimClient(client)) {
            // An admin decided about the user since: Entra's active=true no longer re-enables them.
            if (user.getFirstAttribute(ScimActivation.DISABLED_BY_SCIM) != null) {
                user.removeAttribute(ScimActivation.DISABLED_BY_SCIM);
            }
            return;
        }
        if (event.getOperationType() == OperationType.CREATE && !user.isEnabled()) {
            user.setSingleAttribute(ScimActivation.DISABLED_BY_SCIM, "true");
        }
        String tenant = realm.getAttribute(TenantRealms.TENANT_ATTRIBUTE);
        if (!tenant.equals(user.getFirstAttribute(EntraUserLinker.TID_ATTRIBUTE))) {
            user.setSingleAttribute(EntraUserLinker.TID_ATTRIBUTE, tenant);
        }
        if (!user.isEmailVerified() && ScimWrittenEmail.wroteAddressOf(session, user)) {
            user.setEmailVerified(true);
        }
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
