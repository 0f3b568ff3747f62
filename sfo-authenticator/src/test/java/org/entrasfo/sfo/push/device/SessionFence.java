package org.entrasfo.sfo.push.device;

import java.lang.reflect.Proxy;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Stands where Keycloak's session and realm would: the first call to either marks the point where a device request's
 * checks that need no server have all passed. Not a stand-in that answers anything.
 */
final class SessionFence {

    /** The checked code asked the realm for the first time. */
    static final class Reached extends RuntimeException {
        Reached(String what) {
            super("reached " + what, null, false, false);
        }
    }

    private SessionFence() {
    }

    static KeycloakSession session() {
        return fence(KeycloakSession.class);
    }

    static RealmModel realm() {
        return fence(RealmModel.class);
    }

    private static <T> T fence(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(SessionFence.class.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> {
                    throw new Reached(type.getSimpleName() + "." + method.getName());
                }));
    }
}
