package org.entrasfo.broker.admin;

import java.util.List;
import java.util.Optional;

import org.entrasfo.broker.scim.ScimClient;
import org.entrasfo.broker.scim.ScimProvisioning;
import org.keycloak.common.Profile;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The page's switch for SCIM provisioning from Entra. "on" sets Keycloak's SCIM server and Entra's provisioning client
 * up once, as the REST call does; the secret is then in the client's Credentials tab, as for any confidential client
 * (the page never holds it, and saving the page again never replaces it). "off" switches the realm's SCIM endpoint off.
 * The default leaves the realm as it is, so an entry saved for another reason never changes provisioning.
 */
final class ScimPageFields {

    static final String SCIM = "scim";
    static final String SCIM_TOKEN_URL = "scimTokenUrl";
    static final String SCIM_BASE_URL = "scimBaseUrl";
    static final String LEAVE = "leave as it is";
    static final String ON = "on";
    static final String OFF = "off";

    private ScimPageFields() {
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SCIM).label("SCIM provisioning from Entra").type(ProviderConfigProperty.LIST_TYPE)
                .options(LEAVE, ON, OFF).defaultValue(LEAVE)
                .helpText("on: Entra's provisioning service brings users, numbers and groups through Keycloak's SCIM server "
                        + "(feature scim-api). The client '" + ScimClient.CLIENT_ID + "' is made once; its secret is in "
                        + "Clients, " + ScimClient.CLIENT_ID + ", Credentials. off: the realm's SCIM endpoint is switched off.").add()
                .property().name(SCIM_TOKEN_URL).label("SCIM token URL to paste into Entra").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Filled in when SCIM is on.").add()
                .property().name(SCIM_BASE_URL).label("SCIM tenant URL and audience to paste into Entra").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Filled in when SCIM is on.").add()
                .build();
    }

    /** Checked before the entry is stored; then the addresses to paste into Entra are filled in. */
    static Optional<String> check(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String wanted = model.get(SCIM, LEAVE);
        if (!List.of(LEAVE, ON, OFF).contains(wanted)) {
            return Optional.of("one of " + LEAVE + ", " + ON + ", " + OFF + ".");
        }
        if (ON.equals(wanted) && !Profile.isFeatureEnabled(Profile.Feature.SCIM_API)) {
            return Optional.of("enable Keycloak's feature scim-api on the server first.");
        }
        if (ON.equals(wanted) && ScimClient.conflicts(realm)) {
            return Optional.of("a client " + ScimClient.CLIENT_ID
                    + " exists in the realm and was not made for SCIM provisioning; rename or remove it first.");
        }
        if (ON.equals(wanted) || ScimProvisioning.isOn(realm) && !OFF.equals(wanted)) {
            ScimProvisioning.ScimConnection addresses = ScimProvisioning.addresses(session, realm);
            model.getConfig().putSingle(SCIM_TOKEN_URL, addresses.tokenUrl());
            model.getConfig().putSingle(SCIM_BASE_URL, addresses.scimBaseUrl());
        } else {
            model.getConfig().remove(SCIM_TOKEN_URL);
            model.getConfig().remove(SCIM_BASE_URL);
        }
        return Optional.empty();
    }

    /** After the profile is applied: on once (never a second secret), or off. */
    static void apply(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String wanted = model.get(SCIM, LEAVE);
        if (ON.equals(wanted) && !ScimProvisioning.isOn(realm)) {
            try {
                ScimProvisioning.apply(session, realm);
            } catch (IllegalStateException e) {
                // A realm whose user profile lacks what the mapping needs is left as it was, the profile included.
                session.getTransactionManager().setRollbackOnly();
                throw new ComponentValidationException(SCIM + ": " + e.getMessage());
            }
        } else if (OFF.equals(wanted) && realm.isScimApiEnabled()) {
            realm.setScimApiEnabled(false);
        }
    }
}
