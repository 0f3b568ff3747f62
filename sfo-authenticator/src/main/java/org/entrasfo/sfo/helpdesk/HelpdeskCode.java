package org.entrasfo.sfo.helpdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.FactorType;
import org.entrasfo.sfo.code.SaltedCodeHash;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A temporary code a help desk gave a user who lost their device, as a Keycloak credential of the user: listed and
 * removable in the admin console, holding only a salted hash of the code, when it was issued and expires, how many
 * sign-ins it may serve, the amr it reports and who issued it.
 */
public record HelpdeskCode(String credentialId, SaltedCodeHash hash, Instant issuedAt, Instant expiresAt, int uses,
                           AuthenticationMethod method, String issuedBy) {

    public static final String TYPE = "sfo-helpdesk-code";

    /**
     * The amr values a typed code can honestly stand for (contract 4): possession methods only, and none that is
     * phishing-resistant hardware (fido, sc, pop), so no operator can satisfy an acr no real factor of the user met.
     */
    static final Set<AuthenticationMethod> HONEST_METHODS = EnumSet.of(
            AuthenticationMethod.OTP, AuthenticationMethod.HWK, AuthenticationMethod.SWK,
            AuthenticationMethod.SMS, AuthenticationMethod.TEL);

    /** Codes issued before uses were counted: a multi-use one gets the most any realm allows, then the realm's. */
    private static final int LEGACY_MULTI_USE = HelpdeskCodeLimits.CEILING_USES;

    public static Optional<AuthenticationMethod> honestMethod(String amr) {
        return AuthenticationMethod.fromAmr(amr)
                .filter(method -> method.type() == FactorType.POSSESSION && HONEST_METHODS.contains(method));
    }

    public boolean singleUse() {
        return uses == 1;
    }

    /** The realm's current limits apply to codes issued under looser ones, too. */
    public Instant expiresAt(HelpdeskCodeLimits limits) {
        Instant ceiling = issuedAt.plus(limits.maxValidity());
        return ceiling.isBefore(expiresAt) ? ceiling : expiresAt;
    }

    public boolean isExpired(Instant now, HelpdeskCodeLimits limits) {
        return !now.isBefore(expiresAt(limits));
    }

    public int allowedUses(HelpdeskCodeLimits limits) {
        return Math.max(1, Math.min(uses, limits.maxUses()));
    }

    /** Public part of the credential: what an admin may read. */
    public record Data(long expiresAt, boolean singleUse, String amr, String issuedBy, Integer uses) {
    }

    /** Secret part: never shown. */
    public record Secret(String salt, String hash) {
    }

    CredentialModel toModel() {
        CredentialModel model = new CredentialModel();
        model.setType(TYPE);
        model.setCreatedDate(issuedAt.toEpochMilli());
        model.setUserLabel("Help desk code, valid until " + expiresAt + (singleUse() ? "" : ", " + uses + " uses"));
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(
                    new Data(expiresAt.getEpochSecond(), singleUse(), method.amr(), issuedBy, uses)));
            model.setSecretData(JsonSerialization.writeValueAsString(new Secret(hash.salt(), hash.hash())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    static HelpdeskCode fromModel(CredentialModel model) {
        try {
            Data data = JsonSerialization.readValue(model.getCredentialData(), Data.class);
            Secret secret = JsonSerialization.readValue(model.getSecretData(), Secret.class);
            int uses = data.uses() != null ? data.uses() : data.singleUse() ? 1 : LEGACY_MULTI_USE;
            // A code issued with an amr no typed code may claim reports what the user really did: typed a code.
            AuthenticationMethod method = honestMethod(data.amr()).orElse(AuthenticationMethod.OTP);
            Instant issuedAt = Instant.ofEpochMilli(model.getCreatedDate() == null ? 0 : model.getCreatedDate());
            return new HelpdeskCode(model.getId(), new SaltedCodeHash(secret.salt(), secret.hash()), issuedAt,
                    Instant.ofEpochSecond(data.expiresAt()), uses, method, data.issuedBy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
