package org.entrasfo.broker.keys;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import org.entrasfo.factor.ServerClock;

/**
 * When this node last fetched one Microsoft JWKS, and whether that still counts as fresh: within the cache time it
 * is fresh, within the outage tolerance it is stale but serving, beyond it (or never fetched) hints cannot be checked.
 * The age is also a metric, {@code entra_sfo_jwks_age_seconds}.
 */
public final class KeyFetchStatus {

    public enum State { FRESH, STALE, UNAVAILABLE }

    public record Freshness(String jwksUrl, State state, Instant lastFetched, Instant lastFailure) {
    }

    private final String jwksUrl;
    private final MicrosoftSigningKeys.Settings settings;
    private volatile Instant lastFetched;
    private volatile Instant lastFailure;

    private KeyFetchStatus(String jwksUrl, MicrosoftSigningKeys.Settings settings) {
        this.jwksUrl = jwksUrl;
        this.settings = settings;
    }

    static KeyFetchStatus register(String jwksUrl, MicrosoftSigningKeys.Settings settings) {
        KeyFetchStatus status = new KeyFetchStatus(jwksUrl, settings);
        Gauge.builder("entra_sfo_jwks_age_seconds", status, s -> s.lastFetched == null ? Double.NaN
                        : Duration.between(s.lastFetched, ServerClock.now()).toSeconds())
                .description("Seconds since this node last fetched Microsoft's signing keys")
                .tag("jwks_url", jwksUrl)
                .register(Metrics.globalRegistry);
        return status;
    }

    void fetched(Instant at) {
        lastFetched = at;
    }

    void failed(Instant at) {
        lastFailure = at;
    }

    Freshness freshness(Instant now) {
        Instant fetched = lastFetched;
        State state;
        if (fetched == null || now.isAfter(fetched.plus(settings.cacheTtl()).plus(settings.outageTolerance()))) {
            state = State.UNAVAILABLE;
        } else if (now.isAfter(fetched.plus(settings.cacheTtl()))) {
            state = State.STALE;
        } else {
            state = State.FRESH;
        }
        return new Freshness(jwksUrl, state, fetched, lastFailure);
    }
}
