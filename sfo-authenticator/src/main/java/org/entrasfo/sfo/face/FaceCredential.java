package org.entrasfo.sfo.face;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * The user's enrolled face as a Keycloak credential: the public data says which engine made it, when and from how many
 * frames (what the consoles show); the secret data is the template sealed with a realm key ({@link FaceTemplateSeal}).
 * No frame is ever kept, only the template.
 */
public record FaceCredential(String credentialId, String engineId, long enrolledAt, int frames, String sealedTemplate) {

    public static final String TYPE = "sfo-face";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(@JsonProperty("engine") String engineId, @JsonProperty("enrolled_at") long enrolledAt,
                @JsonProperty("frames") int frames) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Secret(@JsonProperty("sealed_template") String sealedTemplate) {
    }

    public CredentialModel toModel() {
        CredentialModel model = new CredentialModel();
        model.setId(credentialId);
        model.setType(TYPE);
        model.setUserLabel("Face");
        model.setCreatedDate(enrolledAt * 1000);
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(new Data(engineId, enrolledAt, frames)));
            model.setSecretData(JsonSerialization.writeValueAsString(new Secret(sealedTemplate)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    public static FaceCredential fromModel(CredentialModel model) {
        try {
            Data data = JsonSerialization.readValue(model.getCredentialData(), Data.class);
            Secret secret = model.getSecretData() == null ? new Secret(null)
                    : JsonSerialization.readValue(model.getSecretData(), Secret.class);
            return new FaceCredential(model.getId(), data.engineId(), data.enrolledAt(), data.frames(), secret.sealedTemplate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        // Never the sealed template.
        return "FaceCredential[" + credentialId + ", " + engineId + ", " + frames + " frames]";
    }
}
