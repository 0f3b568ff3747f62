package org.entrasfo.sfo.face;

import java.util.Optional;

import javax.crypto.SecretKey;

import org.entrasfo.sfo.StoredCredentialProvider;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialMetadata;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak has no credential for a face; this is it. One face per user: enrolling again replaces the old template.
 * The user removes it in the Account Console and the admin in the admin console (Keycloak's own removal, which writes
 * its {@code REMOVE_CREDENTIAL} event with the type {@code sfo-face}). The template is sealed with the realm's active
 * AES key ({@code aes-generated} or whichever AES key provider the realm has) and opened with the key it names.
 */
public class FaceCredentialProvider extends StoredCredentialProvider {

    public FaceCredentialProvider(KeycloakSession session) {
        super(session, FaceCredential.TYPE);
    }

    public static Optional<FaceCredential> faceOf(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(FaceCredential.TYPE)
                .map(FaceCredential::fromModel).findFirst();
    }

    public static boolean hasFace(UserModel user) {
        return user != null && user.credentialManager().getStoredCredentialsByTypeStream(FaceCredential.TYPE).findAny().isPresent();
    }

    /**
     * The enrolled template, or empty when there is none or it cannot be opened (its realm key was removed, or it was
     * moved from another user): the user then has no usable face and must enrol again.
     */
    public static Optional<FaceTemplate> templateOf(KeycloakSession session, RealmModel realm, UserModel user) {
        return faceOf(user).flatMap(face -> FaceTemplateSeal.keyId(face.sealedTemplate())
                .map(kid -> session.keys().getKey(realm, kid, KeyUse.ENC, Algorithm.AES))
                .map(KeyWrapper::getSecretKey)
                .flatMap(key -> FaceTemplateSeal.open(key, face.sealedTemplate(), user.getId())));
    }

    /** Stores the template as the user's face, replacing an earlier one; frames are never passed here, only counted. */
    public static FaceCredential enrol(KeycloakSession session, RealmModel realm, UserModel user, FaceTemplate template, int frames) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.ENC, Algorithm.AES);
        SecretKey secret = key.getSecretKey();
        String sealed = FaceTemplateSeal.seal(key.getKid(), secret, user.getId(), template);
        user.credentialManager().getStoredCredentialsByTypeStream(FaceCredential.TYPE).map(CredentialModel::getId).toList()
                .forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        FaceCredential face = new FaceCredential(null, template.engineId(), Time.currentTime(), frames, sealed);
        CredentialModel stored = user.credentialManager().createStoredCredential(face.toModel());
        return FaceCredential.fromModel(stored);
    }

    @Override
    public CredentialMetadata getCredentialMetadata(CredentialModel credentialModel, CredentialTypeMetadata credentialTypeMetadata) {
        CredentialMetadata metadata = new CredentialMetadata();
        metadata.setCredentialModel(credentialModel);
        return metadata;
    }

    /**
     * The Account Console's link is our guarded enrolment ({@link FaceRegisterAction}): "Set up" for a user without a
     * face, "Update" for one who has it, since enrolling again replaces it. Keycloak drops the link while the action is
     * not enabled in the realm, that is while the face factor is off.
     */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        CredentialTypeMetadata.CredentialTypeMetadataBuilder metadata = CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("sfo-face-display-name")
                .helpText("sfo-face-help-text")
                .iconCssClass("kcAuthenticatorMFAClass")
                .removeable(true);
        if (hasFace(context.getUser())) {
            metadata.updateAction(FaceRegisterActionFactory.PROVIDER_ID);
        } else {
            metadata.createAction(FaceRegisterActionFactory.PROVIDER_ID);
        }
        return metadata.build(session);
    }
}
