package org.entrasfo.broker.keys;

import java.net.URL;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;

/**
 * The key source chain of {@link MicrosoftSigningKeys} (cache, rate limit, outage tolerance, Keycloak's clock) with
 * the JWKS served from memory instead of Microsoft's host: what a hint meets on a node whose key cache is warm.
 */
public final class WarmKeySources {

    private WarmKeySources() {
    }

    public static JWKSource<SecurityContext> of(JWKSet published) throws Exception {
        MicrosoftSigningKeys.Settings settings = MicrosoftSigningKeys.Settings.DEFAULTS;
        String json = published.toString(true);
        return KeycloakClockJWKSource.of(JWKSourceBuilder.<SecurityContext>create(
                        new URL("https://login.microsoftonline.com/common/discovery/v2.0/keys"), url -> new Resource(json, "application/json"))
                .cache(settings.cacheTtl().toMillis(), 8000)
                .rateLimited(settings.minRefetchInterval().toMillis())
                .outageTolerant(settings.outageTolerance().toMillis())
                .retrying(false)
                .build());
    }
}
