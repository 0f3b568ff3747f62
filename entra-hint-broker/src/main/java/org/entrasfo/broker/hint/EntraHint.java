package org.entrasfo.broker.hint;

import java.time.Instant;

/** What a validated hint proves: who Entra says the user is, in which tenant, and when it said so. */
public record EntraHint(
        String subject,
        String objectId,
        String tenantId,
        String preferredUsername,
        String name,
        Instant issuedAt) {
}
