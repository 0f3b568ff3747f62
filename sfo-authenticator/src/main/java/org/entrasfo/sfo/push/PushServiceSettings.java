package org.entrasfo.sfo.push;

import java.net.URI;

import org.entrasfo.sfo.push.webpush.PushServiceAllowList;
import org.keycloak.Config;

/**
 * Server options of the push factor, the same on every node: which push services the realm will send to (a device
 * names its endpoint, so without a list the realm could be made to POST anywhere) and the VAPID contact.
 * {@code --spi-authenticator--sfo-push--push-services=...}, {@code --spi-authenticator--sfo-push--vapid-subject=mailto:...}
 */
public final class PushServiceSettings {

    public static final String PUSH_SERVICES = "push-services";
    public static final String VAPID_SUBJECT = "vapid-subject";

    private PushServiceSettings() {
    }

    private static Config.Scope scope() {
        return Config.scope("authenticator", PushApprovalAuthenticatorFactory.PROVIDER_ID);
    }

    /** Server options do not change while the server runs: read once. */
    private static volatile PushServiceAllowList allowList;

    public static PushServiceAllowList allowList() {
        PushServiceAllowList read = allowList;
        if (read == null) {
            String configured = scope().get(PUSH_SERVICES);
            read = configured == null || configured.isBlank() ? PushServiceAllowList.DEFAULT : PushServiceAllowList.parse(configured);
            allowList = read;
        }
        return read;
    }

    /** RFC 8292 asks for a contact; the realm's own https address unless an admin names one. */
    public static String vapidSubject(String realmUrl) {
        String configured = scope().get(VAPID_SUBJECT);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return realmUrl.startsWith("https://") ? realmUrl : "mailto:webmaster@" + URI.create(realmUrl).getHost();
    }
}
