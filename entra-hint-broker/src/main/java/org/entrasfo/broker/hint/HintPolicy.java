package org.entrasfo.broker.hint;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The rules one realm applies to hints: its tenant, its trusted authority, the App IDs it accepts as {@code aud},
 * and how much clock skew and age it tolerates.
 */
public record HintPolicy(
        String tenantId,
        EntraAuthority authority,
        List<String> acceptedAudiences,
        Duration allowedClockSkew,
        Duration maxHintAge) {

    public HintPolicy {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(authority, "authority");
        acceptedAudiences = List.copyOf(acceptedAudiences);
        Objects.requireNonNull(allowedClockSkew, "allowedClockSkew");
        Objects.requireNonNull(maxHintAge, "maxHintAge");
    }
}
