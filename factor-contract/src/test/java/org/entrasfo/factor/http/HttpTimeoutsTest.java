package org.entrasfo.factor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.http.client.config.RequestConfig;
import org.keycloak.Config;
import org.junit.jupiter.api.Test;

class HttpTimeoutsTest {

    private static final HttpTimeouts TWILIO_DEFAULTS = HttpTimeouts.ofMillis(5000, 10000);

    /** Server options as Keycloak hands a factory its scope. */
    private static Config.Scope options(Map<String, String> values) {
        return new Config.AbstractScope() {
            @Override
            public String get(String key) {
                return values.get(key);
            }

            @Override
            public Config.Scope scope(String... scope) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Set<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public Config.Scope root() {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void readsTheFactorysOptionsByTheirExistingNamesAndKeepsTheDefaultsOfTheOthers() {
        HttpTimeouts timeouts = HttpTimeouts.of(options(Map.of("twilio-read-timeout-millis", "3000")), "twilio", TWILIO_DEFAULTS);

        assertThat(timeouts).isEqualTo(new HttpTimeouts(Duration.ofMillis(5000), Duration.ofMillis(3000)));
        assertThat(HttpTimeouts.of(options(Map.of()), "twilio", TWILIO_DEFAULTS)).isEqualTo(TWILIO_DEFAULTS);
        assertThat(HttpTimeouts.connectOption("jwks")).isEqualTo("jwks-connect-timeout-millis");
        assertThat(HttpTimeouts.readOption("jwks")).isEqualTo("jwks-read-timeout-millis");
    }

    /** A pooled connection is waited for no longer than a new one takes to open. */
    @Test
    void boundsTheConnectionTheWaitForAPooledOneAndTheRead() {
        RequestConfig config = HttpTimeouts.ofMillis(3000, 5000).requestConfig().build();

        assertThat(config.getConnectTimeout()).isEqualTo(3000);
        assertThat(config.getConnectionRequestTimeout()).isEqualTo(3000);
        assertThat(config.getSocketTimeout()).isEqualTo(5000);
    }

    /** Zero means "wait forever" to Apache's client: a sign-in thread would hang on a silent service. */
    @Test
    void refusesATimeoutThatNeverEnds() {
        assertThatThrownBy(() -> HttpTimeouts.of(options(Map.of("push-read-timeout-millis", "0")), "push", TWILIO_DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpTimeouts.ofMillis(-1, 5000)).isInstanceOf(IllegalArgumentException.class);
    }
}
