package org.entrasfo.factor.http;

import java.time.Duration;

import org.apache.http.client.config.RequestConfig;
import org.keycloak.Config;

/**
 * How long one kind of outbound call (Microsoft's JWKS, Twilio, a Web Push service) may take, read from the server
 * options {@code <prefix>-connect-timeout-millis} and {@code <prefix>-read-timeout-millis} of the factory that makes
 * the call. A slow service must fail well inside Entra's five minutes, and a sign-in thread must never hang on it.
 */
public record HttpTimeouts(Duration connect, Duration read) {

    public HttpTimeouts {
        if (connect == null || read == null || connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("HTTP timeouts must be positive");
        }
    }

    public static HttpTimeouts ofMillis(long connectMillis, long readMillis) {
        return new HttpTimeouts(Duration.ofMillis(connectMillis), Duration.ofMillis(readMillis));
    }

    /** The options of {@code config} named after {@code prefix}, each falling back to {@code defaults}. */
    public static HttpTimeouts of(Config.Scope config, String prefix, HttpTimeouts defaults) {
        return ofMillis(config.getLong(connectOption(prefix), defaults.connect().toMillis()),
                config.getLong(readOption(prefix), defaults.read().toMillis()));
    }

    public static String connectOption(String prefix) {
        return prefix + "-connect-timeout-millis";
    }

    public static String readOption(String prefix) {
        return prefix + "-read-timeout-millis";
    }

    /**
     * Apache HttpClient's request config (Keycloak's {@code HttpClientProvider} hands out that client): the wait for a
     * pooled connection is bounded like the connect, so a busy pool cannot hold a sign-in either. Timeouts only:
     * proxies stay with Keycloak's route planner.
     */
    public RequestConfig.Builder requestConfig() {
        return RequestConfig.custom()
                .setConnectTimeout(millis(connect))
                .setConnectionRequestTimeout(millis(connect))
                .setSocketTimeout(millis(read));
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
