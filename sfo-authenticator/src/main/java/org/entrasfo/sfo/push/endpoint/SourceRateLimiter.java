package org.entrasfo.sfo.push.endpoint;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many anonymous push requests one source address may make: a token bucket per source that holds a minute's
 * allowance and refills evenly. Node-local on purpose: a counter shared by the cluster would itself be the write per
 * anonymous request that these endpoints must not make; a cluster of N nodes admits at most N times the limit. Memory
 * is bounded: the least recently seen sources are forgotten first (forgetting only ever admits more).
 */
public final class SourceRateLimiter {

    /** Whether a request may go on; if not, when the source may try again. */
    public record Admission(boolean admitted, long retryAfterSeconds) {
        static final Admission ADMITTED = new Admission(true, 0);
    }

    private static final class Bucket {
        double tokens;
        long refilledAtMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAtMillis = now;
        }
    }

    private final int perMinute;
    private final LongSupplier clockMillis;
    private final Map<String, Bucket> buckets;

    public SourceRateLimiter(int perMinute, int maxSources, LongSupplier clockMillis) {
        if (perMinute < 1 || maxSources < 1) {
            throw new IllegalArgumentException("the limit and the number of tracked sources must be positive");
        }
        this.perMinute = perMinute;
        this.clockMillis = clockMillis;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    public int perMinute() {
        return perMinute;
    }

    public Admission admit(String remoteAddress) {
        String source = sourceOf(remoteAddress);
        long now = clockMillis.getAsLong();
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(source, key -> new Bucket(perMinute, now));
            double refill = Math.max(0, now - bucket.refilledAtMillis) * perMinute / 60_000.0;
            bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
            bucket.refilledAtMillis = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Admission.ADMITTED;
            }
            double secondsToNextToken = (1 - bucket.tokens) * 60.0 / perMinute;
            return new Admission(false, Math.max(1, (long) Math.ceil(secondsToNextToken)));
        }
    }

    /**
     * IPv4 addresses one by one; IPv6 by /64, the smallest network a provider hands out, so that one host cannot take
     * a fresh allowance from each of its 2^64 addresses.
     */
    static String sourceOf(String remoteAddress) {
        if (remoteAddress == null || !remoteAddress.matches("[0-9A-Fa-f:.%]{1,64}")) {
            return "unknown";
        }
        try {
            // A literal only (checked above), so no name lookup ever happens here.
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
