package org.entrasfo.sfo.push;

import java.net.URI;

import org.entrasfo.factor.http.HttpTimeouts;
import org.entrasfo.sfo.push.webpush.PushServiceAllowList;
import org.keycloak.Config;

/**
 * Server options of the push factor, read once in its factory's {@code init} (options do not change while the server
 * runs, and are the same on every node): which push services the realm sends to (a device names its endpoint, so
 * without a list the realm could be made to POST anywhere), the VAPID contact, and how long a push service may take.
 * {@code --spi-authenticator--sfo-push--push-services=...}, {@code ...--vapid-subject=mailto:...},
 * {@code ...--push-connect-timeout-millis}, {@code ...--push-read-timeout-millis}.
 */
public record PushServiceSettings(PushServiceAllowList allowList, String vapidSubject, HttpTimeouts timeouts) {

    public static final String PUSH_SERVICES = "push-services";
    public static final String VAPID_SUBJECT = "vapid-subject";
    /** The prefix of the timeout options. */
    public static final String TIMEOUTS = "push";
    /** Short: a push that arrives late is worth nothing, and the sign-in page waits meanwhile. */
    public static final HttpTimeouts DEFAULT_TIMEOUTS = HttpTimeouts.ofMillis(5000, 5000);
    public static final PushServiceSettings DEFAULTS = new PushServiceSettings(PushServiceAllowList.DEFAULT, null, DEFAULT_TIMEOUTS);

    public static PushServiceSettings of(Config.Scope config) {
        String services = config.get(PUSH_SERVICES);
        String subject = config.get(VAPID_SUBJECT);
        return new PushServiceSettings(
                services == null || services.isBlank() ? PushServiceAllowList.DEFAULT : PushServiceAllowList.parse(services),
                subject == null || subject.isBlank() ? null : subject.trim(),
                HttpTimeouts.of(config, TIMEOUTS, DEFAULT_TIMEOUTS));
    }

    /** RFC 8292 asks for a contact; the realm's own https address unless an admin names one. */
    public String vapidSubjectFor(String realmUrl) {
        if (vapidSubject != null) {
            return vapidSubject;
        }
        return realmUrl.startsWith("https://") ? realmUrl : "mailto:webmaster@" + URI.create(realmUrl).getHost();
    }
}
