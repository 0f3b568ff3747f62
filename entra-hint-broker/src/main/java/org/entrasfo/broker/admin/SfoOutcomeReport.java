package org.entrasfo.broker.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.transaction.EntraEvents;
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

    /** A period that cannot be read; {@link #field()} is the parameter to fix. */
    public static final class InvalidPeriod extends IllegalArgumentException {

        private final String field;

        InvalidPeriod(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A reporting period; a date means its start (from) or its end (to) in UTC, an instant means itself. */
    public record Period(Instant from, Instant to) {

        /** Empty {@code to}: now; empty {@code from}: seven days before the end. */
        public static Period parse(String from, String to) {
            Instant end = from(to, true, "to").orElseGet(ServerClock::now);
            Instant start = from(from, false, "from").orElseGet(() -> end.minus(Duration.ofDays(7)));
            if (!start.isBefore(end)) {
                throw new InvalidPeriod("from", "The period must start before it ends.");
            }
            return new Period(start, end);
        }

        private static Optional<Instant> from(String value, boolean endOfDay, String field) {
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            String trimmed = value.trim();
            try {
                if (trimmed.length() == 10) {
                    LocalDate date = LocalDate.parse(trimmed);
                    return Optional.of((endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant());
                }
                return Optional.of(Instant.parse(trimmed));
            } catch (DateTimeParseException e) {
                throw new InvalidPeriod(field, "Use dates like 2026-11-01 or instants like 2026-11-01T08:00:00Z.");
            }
        }
    }

    private SfoOutcomeReport() {
    }

    public static Report of(KeycloakSession session, RealmModel realm, Period period) {
        return of(session, realm, period.from(), period.to());
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
