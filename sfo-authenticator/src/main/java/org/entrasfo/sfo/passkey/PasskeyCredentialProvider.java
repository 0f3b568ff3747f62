package org.entrasfo.sfo.passkey;

import org.entrasfo.factor.realm.TenantRealms;
import org.keycloak.authentication.authenticators.browser.WebAuthnMetadataService;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.WebAuthnCredentialProvider;
import org.keycloak.models.KeycloakSession;

import com.webauthn4j.converter.util.ObjectConverter;

/**
 * Keycloak's WebAuthn credentials, with one difference in tenant realms: the Account Console's "Set up security key"
 * starts {@link PasskeyRegisterActionFactory our enrolment} (a fresh second factor first, then Keycloak's registration
 * page) instead of Keycloak's {@code webauthn-register}, which provisioning switches off because it registers a key on
 * the strength of an SSO session alone. Keycloak offers the link only while the action is enabled, that is while the
 * passkey factor is on. Every other realm (master included) keeps Keycloak's metadata as it is.
 */
public class PasskeyCredentialProvider extends WebAuthnCredentialProvider {

    public PasskeyCredentialProvider(KeycloakSession session, WebAuthnMetadataService metadataService, ObjectConverter objectConverter) {
        super(session, metadataService, objectConverter);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        CredentialTypeMetadata keycloaks = super.getCredentialTypeMetadata(metadataContext);
        KeycloakSession session = getKeycloakSession();
        if (!TenantRealms.isTenantRealm(session.getContext().getRealm())) {
            return keycloaks;
        }
        return CredentialTypeMetadata.builder()
                .type(keycloaks.getType())
                .category(keycloaks.getCategory())
                .displayName(keycloaks.getDisplayName())
                .helpText(keycloaks.getHelpText())
                .iconCssClass(keycloaks.getIconCssClass())
                .createAction(PasskeyRegisterActionFactory.PROVIDER_ID)
                .removeable(keycloaks.isRemoveable())
                .build(session);
    }
}
