package org.entrasfo.sfo.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * An enrolled device as a Keycloak credential of the user: the label is the device's name, the public data its public
 * key (a JWK), platform and last use (what the consoles show), the secret data its push subscription, whose
 * {@code auth} secret lets anyone encrypt pushes to the device.
 */
public record PushDeviceCredential(String credentialId, String deviceName, Map<String, Object> publicKeyJwk,
                                   String platform, long enrolledAt, Long lastUsedAt, Map<String, Object> subscription) {

    public static final String TYPE = "sfo-push-device";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(@JsonProperty("jwk") Map<String, Object> jwk, @JsonProperty("platform") String platform,
                       @JsonProperty("enrolled_at") long enrolledAt, @JsonProperty("last_used_at") Long lastUsedAt,
                       @JsonProperty("push") boolean push) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Secret(@JsonProperty("subscription") Map<String, Object> subscription) {
    }

    public boolean reachableByPush() {
        return subscription != null && !subscription.isEmpty();
    }

    public PushDeviceCredential usedAt(long when) {
        return new PushDeviceCredential(credentialId, deviceName, publicKeyJwk, platform, enrolledAt, when, subscription);
    }

    public PushDeviceCredential withSubscription(Map<String, Object> newSubscription) {
        return new PushDeviceCredential(credentialId, deviceName, publicKeyJwk, platform, enrolledAt, lastUsedAt, newSubscription);
    }

    public CredentialModel toModel() {
        CredentialModel model = new CredentialModel();
        model.setId(credentialId);
        model.setType(TYPE);
        model.setUserLabel(deviceName);
        model.setCreatedDate(enrolledAt * 1000);
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(
                    new Data(publicKeyJwk, platform, enrolledAt, lastUsedAt, reachableByPush())));
            model.setSecretData(JsonSerialization.writeValueAsString(new Secret(subscription)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    public static PushDeviceCredential newDevice(String deviceName, Map<String, Object> publicKeyJwk, String platform,
                                          Map<String, Object> subscription) {
        return new PushDeviceCredential(null, deviceName, publicKeyJwk, platform, Time.currentTime(), null, subscription);
    }

    public static PushDeviceCredential fromModel(CredentialModel model) {
        try {
            Data data = JsonSerialization.readValue(model.getCredentialData(), Data.class);
            Secret secret = model.getSecretData() == null ? new Secret(null)
                    : JsonSerialization.readValue(model.getSecretData(), Secret.class);
            return new PushDeviceCredential(model.getId(), model.getUserLabel(), data.jwk(), data.platform(),
                    data.enrolledAt(), data.lastUsedAt(), secret.subscription());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
