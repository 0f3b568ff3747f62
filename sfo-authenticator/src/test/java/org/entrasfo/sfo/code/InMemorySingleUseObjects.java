package org.entrasfo.sfo.code;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Keycloak's single-use store as the specifications of the limits need it: atomic put-if-absent, shared by every
 * caller like the cluster-wide store. Lifespans are kept, not enforced; an entry ends when a test says so.
 */
final class InMemorySingleUseObjects implements SingleUseObjectProvider {

    private final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
    private final Map<String, Long> lifespans = new ConcurrentHashMap<>();

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, Map.copyOf(notes));
        lifespans.put(key, lifespanSeconds);
    }

    @Override
    public Map<String, String> get(String key) {
        return entries.get(key);
    }

    @Override
    public Map<String, String> remove(String key) {
        lifespans.remove(key);
        return entries.remove(key);
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        return entries.replace(key, Map.copyOf(notes)) != null;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        if (lifespanInSeconds <= 0) {
            throw new IllegalArgumentException("Keycloak's store refuses a lifespan of " + lifespanInSeconds);
        }
        boolean fresh = entries.putIfAbsent(key, Map.of()) == null;
        if (fresh) {
            lifespans.put(key, lifespanInSeconds);
        }
        return fresh;
    }

    @Override
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    long lifespanOf(String key) {
        return lifespans.getOrDefault(key, 0L);
    }

    /** Every entry whose key starts so ends, as when its lifespan ran out. */
    void expire(String keyPrefix) {
        entries.keySet().removeIf(key -> key.startsWith(keyPrefix));
    }

    @Override
    public void close() {
    }
}
