package org.entrasfo.broker.keys;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.keycloak.common.util.Time;

/**
 * Nimbus's cached, rate-limited, outage-tolerant source of Microsoft's keys, asked at the time of Keycloak's clock
 * instead of the machine's: the refetch limit, the cache's expiry check, the outage tolerance and the health reports
 * (hence the health endpoint and the key-age metric) follow the one clock of the product, and a test moves it instead
 * of sleeping. (Nimbus stamps a fetched set with the machine's time; with no offset set the two clocks agree.)
 */
final class KeycloakClockJWKSource implements JWKSource<SecurityContext> {

    private final JWKSetSource<SecurityContext> source;
    /**
     * The largest offset of Keycloak's clock seen so far. Nimbus's windows (refetch limit, cache) assume a clock that
     * never runs backwards, but an offset can be taken back (tests do, as in Keycloak's own suite): an offset once
     * seen keeps counting here, so a window opened while the clock was ahead ends when it would have in real time.
     */
    private final AtomicLong highestOffsetMillis = new AtomicLong();

    private KeycloakClockJWKSource(JWKSetSource<SecurityContext> source) {
        this.source = source;
    }

    /** The same chain of sources that {@code JWKSourceBuilder} built, read with Keycloak's clock. */
    static JWKSource<SecurityContext> of(JWKSource<SecurityContext> built) {
        if (built instanceof JWKSetBasedJWKSource<SecurityContext> setBased) {
            return new KeycloakClockJWKSource(setBased.getJWKSetSource());
        }
        throw new IllegalStateException("Unexpected key source " + built.getClass().getName());
    }

    /** The cached keys; for a key not among them one refetch, if the rate limit allows it now (a key Microsoft rolled). */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        long now = now();
        JWKSet cached = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
        List<JWK> selected = selector.select(cached);
        if (!selected.isEmpty()) {
            return selected;
        }
        return selector.select(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached), now, context));
    }

    /** Keycloak's clock, never running backwards. */
    private long now() {
        long offsetMillis = Time.getOffset() * 1000L;
        return Time.currentTimeMillis() - offsetMillis + highestOffsetMillis.accumulateAndGet(offsetMillis, Math::max);
    }
}
