package org.entrasfo.broker.hint;

import java.time.Instant;

/**
 * What a validated hint proves: who Entra says the user is, in which tenant, and when it said so; and what marks
 * it as spent once a transaction completes (contract 3.8): the digest of its decoded signature, the same for every
 * spelling of it, and Entra's unique token id {@code uti} when the hint has one.
 */
public record EntraHint(
        String subject,
        String objectId,
        String tenantId,
        String preferredUsername,
        String name,
        Instant issuedAt,
        String signatureDigest,
        String uniqueTokenId) {
}
