package org.entrasfo.sfo.push;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Stream;

import org.entrasfo.sfo.StoredCredentialProvider;
import org.entrasfo.sfo.push.enrolment.PushDeviceRequiredActionFactory;
import org.keycloak.credential.CredentialMetadata;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Keycloak has no credential for a push-approval device; this is it. The Account Console lists the user's devices with
 * their names and last use, removes them, and offers "Set up" through the required action {@code sfo-push-enrol}.
 */
public class PushDeviceCredentialProvider extends StoredCredentialProvider {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public PushDeviceCredentialProvider(KeycloakSession session) {
        super(session, PushDeviceCredential.TYPE);
    }

    public static Stream<PushDeviceCredential> devicesOf(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PushDeviceCredential.TYPE)
                .map(PushDeviceCredential::fromModel);
    }

    /** Only a push device of this very user: a key of another user's device never matches. */
    public static Optional<PushDeviceCredential> deviceOf(UserModel user, String credentialId) {
        if (credentialId == null || credentialId.isBlank()) {
            return Optional.empty();
        }
        CredentialModel model = user.credentialManager().getStoredCredentialById(credentialId);
        return model == null || !PushDeviceCredential.TYPE.equals(model.getType())
                ? Optional.empty() : Optional.of(PushDeviceCredential.fromModel(model));
    }

    public static boolean hasDevice(UserModel user) {
        // A stored credential is the device; Keycloak's isConfiguredFor would ask for a credential validator.
        return user != null && user.credentialManager().getStoredCredentialsByTypeStream(PushDeviceCredential.TYPE).findAny().isPresent();
    }

    public static void update(UserModel user, PushDeviceCredential device) {
        user.credentialManager().updateStoredCredential(device.toModel());
    }

    @Override
    public CredentialMetadata getCredentialMetadata(CredentialModel credentialModel, CredentialTypeMetadata credentialTypeMetadata) {
        CredentialMetadata metadata = new CredentialMetadata();
        metadata.setCredentialModel(credentialModel);
        Long lastUsed = PushDeviceCredential.fromModel(credentialModel).lastUsedAt();
        if (lastUsed == null) {
            metadata.setInfoMessage("sfoPushDeviceNeverUsed");
        } else {
            metadata.setInfoMessage("sfoPushDeviceLastUsed", WHEN.format(Instant.ofEpochSecond(lastUsed)));
        }
        return metadata;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("sfo-push-device-display-name")
                .helpText("sfo-push-device-help-text")
                .iconCssClass("kcAuthenticatorMFAClass")
                .createAction(PushDeviceRequiredActionFactory.PROVIDER_ID)
                .removeable(true)
                .build(session);
    }
}
