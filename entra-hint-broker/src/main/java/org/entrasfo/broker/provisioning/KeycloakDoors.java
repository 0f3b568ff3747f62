package org.entrasfo.broker.provisioning;

import java.util.HashMap;
import java.util.List;

import org.keycloak.authentication.authenticators.access.DenyAccessAuthenticatorFactory;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Closes every Keycloak door of a tenant realm that would lead to a session, a token or a credential change without a
 * second factor: the realm's browser flow is the SFO flow (single sign-on from an Entra transaction, else a fresh
 * factor, never a password), the direct grant is denied, self-service registration and password reset are off,
 * Keycloak's own enrolment actions are off (the factors' own ask for a fresh factor), removing a factor asks for a
 * fresh one, and no token the SSO session mints can change credentials through the Account REST API. The self-test reports a door an admin opens again.
 */
public final class KeycloakDoors implements ProvisioningStep {

    public static final String DIRECT_GRANT_FLOW_ALIAS = "entra-sfo direct grant denied";
    /**
     * Keycloak's actions that would add or change a credential on the strength of an SSO cookie or an action link alone.
     * Setting a password is one: no flow of a tenant realm asks for it, but for a directory user it is the directory's
     * password, and whoever finds a signed-in browser on a shared workstation could set it.
     */
    public static final List<String> UNGUARDED_ENROLMENT_ACTIONS = List.of(
            UserModel.RequiredAction.CONFIGURE_TOTP.name(), "webauthn-register", "webauthn-register-passwordless",
            UserModel.RequiredAction.UPDATE_EMAIL.name(), UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name(),
            UserModel.RequiredAction.UPDATE_PASSWORD.name());
    /** Whether provisioning keeps a required action of this provider off: Keycloak's enrolment and profile form. */
    public static boolean closed(String providerId) {
        return UNGUARDED_ENROLMENT_ACTIONS.contains(providerId) || UserModel.RequiredAction.VERIFY_PROFILE.name().equals(providerId);
    }

    static final String DELETE_CREDENTIAL_ACTION = "delete_credential";
    /** Keycloak's defaults, which a tenant realm shortens: an SSO session from a shared workstation should not linger. */
    static final int KEYCLOAK_SSO_IDLE = 1800;
    static final int KEYCLOAK_SSO_MAX = 36000;
    static final int SSO_IDLE_SECONDS = 15 * 60;
    static final int SSO_MAX_SECONDS = 8 * 3600;

    @Override
    public void apply(TenantRealmSetup setup) {
        RealmModel realm = setup.realm();
        realm.setBrowserFlow(setup.sfoFlow());
        realm.setDirectGrantFlow(deniedDirectGrantFlow(realm));
        realm.getClientsStream().filter(ClientModel::isDirectAccessGrantsEnabled).forEach(c -> c.setDirectAccessGrantsEnabled(false));
        realm.setRegistrationAllowed(false);
        realm.setResetPasswordAllowed(false);
        realm.setRememberMe(false);
        realm.setEditUsernameAllowed(false);
        if (realm.getSsoSessionIdleTimeout() == KEYCLOAK_SSO_IDLE && realm.getSsoSessionMaxLifespan() == KEYCLOAK_SSO_MAX) {
            realm.setSsoSessionIdleTimeout(SSO_IDLE_SECONDS);
            realm.setSsoSessionMaxLifespan(SSO_MAX_SECONDS);
        }
        requiredActions(realm);
        accountApiReadsOnly(realm);
    }

    /**
     * Keycloak's deprecated Account REST route {@code DELETE /account/credentials/{id}} removes a factor with any token
     * of the user that carries {@code manage-account}: its level-of-authentication check is void without LoA conditions
     * in the flow, and the SSO session of a shared workstation mints (and refreshes) such tokens without a factor, for
     * the Account Console, the admin console or any client with full scope. So the realm's default roles give
     * {@code view-profile} instead of {@code manage-account}, and the Account Console's token asks for no more: the
     * console still lists the factors and adds or removes them through the actions, which ask for a fresh factor;
     * editing the profile and signing out other sessions there are refused.
     */
    static void accountApiReadsOnly(RealmModel realm) {
        ClientModel account = realm.getClientByClientId(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        RoleModel manage = account == null ? null : account.getRole(AccountRoles.MANAGE_ACCOUNT);
        RoleModel view = account == null ? null : account.getRole(AccountRoles.VIEW_PROFILE);
        if (manage == null || view == null) {
            return;
        }
        RoleModel defaults = realm.getDefaultRole();
        if (defaults.getCompositesStream().anyMatch(manage::equals)) {
            defaults.removeCompositeRole(manage);
        }
        if (!defaults.hasRole(view)) {
            defaults.addCompositeRole(view);
        }
        ClientModel console = realm.getClientByClientId(Constants.ACCOUNT_CONSOLE_CLIENT_ID);
        if (console != null) {
            console.setFullScopeAllowed(false);
            if (console.hasDirectScope(manage)) {
                console.deleteScopeMapping(manage);
            }
            if (!console.hasDirectScope(view)) {
                console.addScopeMapping(view);
            }
        }
    }

    /** Whether every user, or the Account Console's token, has {@code manage-account} (see {@link #accountApiReadsOnly}). */
    public static boolean accountApiManagedWithoutFactor(RealmModel realm) {
        ClientModel account = realm.getClientByClientId(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        RoleModel manage = account == null ? null : account.getRole(AccountRoles.MANAGE_ACCOUNT);
        if (manage == null) {
            return false;
        }
        ClientModel console = realm.getClientByClientId(Constants.ACCOUNT_CONSOLE_CLIENT_ID);
        return realm.getDefaultRole().hasRole(manage) || console != null && console.isEnabled() && console.hasScope(manage);
    }

    /** Keycloak's "Deny access" as the only step: no password grant, no SAML ECP, whatever a client asks for. */
    private static AuthenticationFlowModel deniedDirectGrantFlow(RealmModel realm) {
        AuthenticationFlowModel flow = realm.getFlowByAlias(DIRECT_GRANT_FLOW_ALIAS);
        if (flow != null) {
            return flow;
        }
        flow = new AuthenticationFlowModel();
        flow.setAlias(DIRECT_GRANT_FLOW_ALIAS);
        flow.setDescription("A tenant realm's users authenticate only through Entra and a second factor; the password "
                + "grant would skip both.");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        flow = realm.addAuthenticationFlow(flow);
        AuthenticatorConfigModel message = new AuthenticatorConfigModel();
        message.setAlias(DIRECT_GRANT_FLOW_ALIAS + " message");
        message.setConfig(new HashMap<>(java.util.Map.of(DenyAccessAuthenticatorFactory.ERROR_MESSAGE,
                "The password grant is not available in this realm.")));
        message = realm.addAuthenticatorConfig(message);
        AuthenticationExecutionModel deny = new AuthenticationExecutionModel();
        deny.setParentFlow(flow.getId());
        deny.setAuthenticator(DenyAccessAuthenticatorFactory.PROVIDER_ID);
        deny.setAuthenticatorConfig(message.getId());
        deny.setRequirement(AuthenticationExecutionModel.Requirement.REQUIRED);
        deny.setPriority(10);
        deny.setAuthenticatorFlow(false);
        realm.addAuthenticatorExecution(deny);
        return flow;
    }

    private static void requiredActions(RealmModel realm) {
        // By provider, not alias: Keycloak's enrolment under an innocent alias (renamed, imported) is the same door.
        // A profile form must never interrupt the five minutes Entra waits.
        realm.getRequiredActionProvidersStream()
                .filter(action -> closed(action.getProviderId()) && action.isEnabled())
                .toList()
                .forEach(action -> {
                    action.setEnabled(false);
                    realm.updateRequiredActionProvider(action);
                });
        // Removing a factor from the Account Console asks for a fresh one first, like adding one.
        if (realm.getRequiredActionProviderByAlias(DELETE_CREDENTIAL_ACTION) != null) {
            RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(DELETE_CREDENTIAL_ACTION);
            if (config == null) {
                config = new RequiredActionConfigModel();
                config.setAlias(DELETE_CREDENTIAL_ACTION);
                config.setProviderId(DELETE_CREDENTIAL_ACTION);
            }
            if (!"0".equals(config.getConfig().get(Constants.MAX_AUTH_AGE_KEY))) {
                config.setConfig(new HashMap<>(config.getConfig()));
                config.getConfig().put(Constants.MAX_AUTH_AGE_KEY, "0");
                realm.updateRequiredActionConfig(config);
            }
        }
    }
}
