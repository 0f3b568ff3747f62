package org.entrasfo.sfo.push.endpoint;

import org.entrasfo.factor.realm.RealmEndpointsProviderFactory;
import org.entrasfo.factor.realm.TenantRealms;
import org.entrasfo.sfo.push.PushApprovalAuthenticatorFactory;
import org.entrasfo.sfo.push.PushServiceSettings;
import org.entrasfo.sfo.push.webpush.VapidKeys;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Mounts the push protocol's endpoints at {@code /realms/{realm}/sfo-push}, behind two checks that cost nothing and
 * store nothing: a limit per source address, and the realm must serve an Entra tenant. Server options:
 * {@code --spi-realm-restapi-extension--sfo-push--requests-per-minute} (default {@value #DEFAULT_REQUESTS_PER_MINUTE})
 * and {@code ...--tracked-sources} (default {@value #DEFAULT_TRACKED_SOURCES}).
 */
public class PushApprovalResourceProviderFactory extends RealmEndpointsProviderFactory {

    public static final String PROVIDER_ID = "sfo-push";
    public static final String REQUESTS_PER_MINUTE = "requests-per-minute";
    public static final String TRACKED_SOURCES = "tracked-sources";
    /** The web app polls every 3 s: room for about 30 devices, or many sign-in pages, behind one hospital NAT. */
    static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
    static final int DEFAULT_TRACKED_SOURCES = 10_000;

    private static final Logger LOG = Logger.getLogger(PushApprovalResourceProviderFactory.class);

    private SourceRateLimiter limiter;
    private VapidKeys vapidKeys;
    private PushServiceSettings settings;

    @Override
    public void init(Config.Scope config) {
        limiter = new SourceRateLimiter(config.getInt(REQUESTS_PER_MINUTE, DEFAULT_REQUESTS_PER_MINUTE),
                config.getInt(TRACKED_SOURCES, DEFAULT_TRACKED_SOURCES), Time::currentTimeMillis);
    }

    /**
     * The push factor's VAPID key cache (it signs the pushes with the same key) and server options (devices subscribe
     * only to the push services it sends to).
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        PushApprovalAuthenticatorFactory push = (PushApprovalAuthenticatorFactory) factory.getProviderFactory(Authenticator.class,
                PushApprovalAuthenticatorFactory.PROVIDER_ID);
        vapidKeys = push.vapidKeys();
        settings = push.settings();
    }

    @Override
    protected Object endpoints(KeycloakSession session) {
        String source = session.getContext().getConnection().getRemoteAddr();
        SourceRateLimiter.Admission admission = limiter.admit(source);
        if (!admission.admitted()) {
            LOG.debugf("Push request from %s refused: over %d per minute", source, limiter.perMinute());
            return PushRequestRefusal.tooManyRequests(admission.retryAfterSeconds());
        }
        if (!TenantRealms.isTenantRealm(session.getContext().getRealm())) {
            return PushRequestRefusal.notATenantRealm();
        }
        return new PushEndpoints(session, vapidKeys, settings);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
