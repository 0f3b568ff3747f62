package org.entrasfo.factor.transaction;

import org.keycloak.events.EventBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Event details every step of an Entra transaction adds, so each event can be traced with Microsoft support. */
public final class EntraEvents {

    /** Entra's correlation id; Microsoft support asks for it. */
    public static final String CLIENT_REQUEST_ID = "client_request_id";
    public static final String TENANT_ID = "entra_tid";
    public static final String REASON = "reason";
    public static final String FACTOR = "factor";
    public static final String AMR = "amr";
    public static final String ACR = "acr";

    private EntraEvents() {
    }

    /** Adds the transaction's correlation id when this auth session serves an Entra transaction. */
    public static EventBuilder tag(EventBuilder event, AuthenticationSessionModel authSession) {
        EntraTransaction.clientRequestIdOf(authSession).ifPresent(id -> event.detail(CLIENT_REQUEST_ID, id));
        if (authSession != null && authSession.getAuthNote(EntraTransaction.TENANT_ID) != null) {
            event.detail(TENANT_ID, authSession.getAuthNote(EntraTransaction.TENANT_ID));
        }
        return event;
    }
}
