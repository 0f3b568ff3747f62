package org.entrasfo.broker.admin;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.entrasfo.broker.transaction.EntraEvents;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * SFO outcomes of a realm over a period, per factor and per outcome, with the refusal reasons: read from Keycloak's
 * event store, so it covers whatever the realm's event expiration keeps. Only Entra transactions count (events that
 * carry Entra's client-request-id).
 */
public final class SfoOutcomeReport {

    /** Beyond this many events the report says it is partial rather than hold up the admin console. */
    static final int MAX_EVENTS = 200_000;

    public record Counts(long success, long error, Map<String, Long> errors) {
    }

    public record Report(String realm, String from, String to, long transactions, Map<String, Counts> byFactor,
                         Map<String, Long> byTenant, boolean partial) {
    }

    private SfoOutcomeReport() {
    }

    public static Report of(KeycloakSession session, RealmModel realm, Instant from, Instant to) {
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, Map<String, Long>> errors = new TreeMap<>();
        Map<String, Long> byTenant = new TreeMap<>();
        long[] counted = {0, 0};
        session.getProvider(EventStoreProvider.class).createQuery()
                .realm(realm.getId())
                .type(EventType.LOGIN, EventType.LOGIN_ERROR)
                .fromDate(from.toEpochMilli()).toDate(to.toEpochMilli())
                .maxResults(MAX_EVENTS + 1)
                .getResultStream()
                .forEach(event -> {
                    counted[1]++;
                    if (counted[1] > MAX_EVENTS) {
                        return;
                    }
                    Map<String, String> details = event.getDetails();
                    if (details == null || !details.containsKey(EntraEvents.CLIENT_REQUEST_ID)) {
                        return;
                    }
                    counted[0]++;
                    add(totals, errors, event, details.getOrDefault(EntraEvents.FACTOR, "none"));
                    byTenant.merge(details.getOrDefault(EntraEvents.TENANT_ID, "unknown"), 1L, Long::sum);
                });
        Map<String, Counts> byFactor = new TreeMap<>();
        totals.forEach((factor, t) -> byFactor.put(factor, new Counts(t[0], t[1], errors.getOrDefault(factor, Map.of()))));
        return new Report(realm.getName(), from.toString(), to.toString(), counted[0], byFactor, byTenant, counted[1] > MAX_EVENTS);
    }

    private static void add(Map<String, long[]> totals, Map<String, Map<String, Long>> errors, Event event, String factor) {
        long[] t = totals.computeIfAbsent(factor, f -> new long[2]);
        if (event.getType() == EventType.LOGIN) {
            t[0]++;
        } else {
            t[1]++;
            errors.computeIfAbsent(factor, f -> new TreeMap<>()).merge(event.getError() == null ? "unknown" : event.getError(), 1L, Long::sum);
        }
    }
}
