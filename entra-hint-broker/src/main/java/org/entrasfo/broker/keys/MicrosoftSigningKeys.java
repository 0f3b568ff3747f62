package org.entrasfo.broker.keys;

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.health.HealthStatus;
import org.entrasfo.factor.http.HttpTimeouts;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * One cached key source per JWKS URL, shared by every realm of this node that trusts the same cloud. Keys are
 * public data, so a node-local cache is right here (unlike transaction state, which lives in Keycloak's sessions).
 * Unknown {@code kid}: one refetch, rate-limited. Endpoint down: the last good keys keep serving for the outage period.
 */
public final class MicrosoftSigningKeys {

    private static final Logger LOG = Logger.getLogger(MicrosoftSigningKeys.class);

    private final KeycloakSessionFactory sessionFactory;
    private final Settings settings;
    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();
    private final Map<String, KeyFetchStatus> statuses = new ConcurrentHashMap<>();

    public MicrosoftSigningKeys(KeycloakSessionFactory sessionFactory, Settings settings) {
        this.sessionFactory = sessionFactory;
        this.settings = settings;
    }

    public JWKSource<SecurityContext> forJwksUrl(String jwksUrl) {
        return sources.computeIfAbsent(jwksUrl, this::newSource);
    }

    private JWKSource<SecurityContext> newSource(String jwksUrl) {
        URL url;
        try {
            url = new URL(jwksUrl);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("JWKS URL is not a URL: " + jwksUrl, e);
        }
        HttpTimeouts timeouts = settings.timeouts();
        JWKSource<SecurityContext> source = KeycloakClockJWKSource.of(JWKSourceBuilder.create(url, new KeycloakHttpRetriever(sessionFactory, timeouts))
                .cache(settings.cacheTtl().toMillis(), timeouts.read().toMillis() + timeouts.connect().toMillis())
                .rateLimited(settings.minRefetchInterval().toMillis())
                .outageTolerant(settings.outageTolerance().toMillis())
                .retrying(false)
                .healthReporting(report -> {
                    KeyFetchStatus status = statuses.computeIfAbsent(jwksUrl, key -> KeyFetchStatus.register(key, settings));
                    if (report.getHealthStatus() == HealthStatus.HEALTHY) {
                        status.fetched(Instant.ofEpochMilli(report.getTimestamp()));
                    } else {
                        status.failed(Instant.ofEpochMilli(report.getTimestamp()));
                        LOG.warnf("Fetching Microsoft signing keys from %s failed; cached keys keep serving", jwksUrl);
                    }
                })
                .build());
        LOG.debugf("Created key source for %s", jwksUrl);
        return source;
    }

    /**
     * How fresh this node's copy of the keys at {@code jwksUrl} is, fetching them first when the cache is empty or
     * expired (what the next hint would do anyway).
     */
    public KeyFetchStatus.Freshness freshness(String jwksUrl, Instant now) {
        try {
            forJwksUrl(jwksUrl).get(new JWKSelector(new JWKMatcher.Builder().build()), null);
        } catch (KeySourceException | RuntimeException e) {
            // recorded by the health report; the status below says what it means
        }
        return statuses.computeIfAbsent(jwksUrl, url -> KeyFetchStatus.register(url, settings)).freshness(now);
    }

    /** Node-wide settings, from the SPI options of the hint broker. */
    public record Settings(Duration cacheTtl, Duration minRefetchInterval, Duration outageTolerance, HttpTimeouts timeouts) {

        /** The server options' prefix of the fetch timeouts: {@code jwks-connect-timeout-millis}, {@code jwks-read-timeout-millis}. */
        public static final String TIMEOUTS_PREFIX = "jwks";
        public static final Settings DEFAULTS = new Settings(Duration.ofHours(1), Duration.ofSeconds(30),
                Duration.ofHours(24), HttpTimeouts.ofMillis(3000, 5000));

        public Settings {
            if (minRefetchInterval.compareTo(cacheTtl) >= 0) {
                throw new IllegalArgumentException("The JWKS refetch interval must be shorter than the cache time");
            }
        }
    }
}
