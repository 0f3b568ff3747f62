package org.entrasfo.broker.metrics;

import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import org.entrasfo.factor.transaction.EntraEvents;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Counts the outcome of every Entra SFO transaction step in {@code entra_sfo_outcomes_total}, by realm, Entra tenant,
 * factor, outcome and error: what the SFO dashboard draws. Global, like Keycloak's own event metrics, so no realm has
 * to list it; labels come from a bounded set (realms, tenants, factor names, Keycloak's error codes).
 */
public class SfoOutcomeMetricsEventListenerProviderFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "entra-sfo-metrics";
    static final String METER = "entra_sfo_outcomes";
    private static final Set<EventType> COUNTED = Set.of(EventType.LOGIN, EventType.LOGIN_ERROR);

    private Meter.MeterProvider<Counter> outcomes;

    @Override
    public void init(Config.Scope config) {
        outcomes = Counter.builder(METER)
                .description("Entra SFO transactions by realm, tenant, factor and outcome")
                .withRegistry(Metrics.globalRegistry);
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                Map<String, String> details = event.getDetails();
                if (!COUNTED.contains(event.getType()) || details == null || !details.containsKey(EntraEvents.CLIENT_REQUEST_ID)) {
                    return;
                }
                boolean success = event.getType() == EventType.LOGIN;
                outcomes.withTags(Tags.of(
                        "realm", String.valueOf(event.getRealmName()),
                        "tenant", details.getOrDefault(EntraEvents.TENANT_ID, "unknown"),
                        "factor", details.getOrDefault(EntraEvents.FACTOR, "none"),
                        "outcome", success ? "success" : "error",
                        "error", success || event.getError() == null ? "" : event.getError())).increment();
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
