package org.entrasfo.sfo.helpdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import org.entrasfo.broker.transaction.AuthenticationMethod;
import org.entrasfo.sfo.code.SaltedCodeHash;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A temporary code a help desk gave a user who lost their device, as a Keycloak credential of the user: listed and
 * removable in the admin console, holding only a salted hash of the code, when it expires, whether one use spends it,
 * the amr it reports and who issued it.
 */
public record HelpdeskCode(String credentialId, SaltedCodeHash hash, Instant expiresAt, boolean singleUse,
                           AuthenticationMethod method, String issuedBy) {

    public static final String TYPE = "sfo-helpdesk-code";

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Public part of the credential: what an admin may read. */
    public record Data(long expiresAt, boolean singleUse, String amr, String issuedBy) {
    }

    /** Secret part: never shown. */
    public record Secret(String salt, String hash) {
    }

    CredentialModel toModel() {
        CredentialModel model = new CredentialModel();
        model.setType(TYPE);
        model.setCreatedDate(Time.currentTimeMillis());
        model.setUserLabel("Help desk code, valid until " + expiresAt);
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(new Data(expiresAt.getEpochSecond(), singleUse, method.amr(), issuedBy)));
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
            return new HelpdeskCode(model.getId(), new SaltedCodeHash(secret.salt(), secret.hash()),
                    Instant.ofEpochSecond(data.expiresAt()), data.singleUse(),
                    AuthenticationMethod.fromAmr(data.amr()).orElse(AuthenticationMethod.OTP), data.issuedBy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
