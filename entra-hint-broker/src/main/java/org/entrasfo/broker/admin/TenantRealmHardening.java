package org.entrasfo.broker.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Set;

import org.entrasfo.broker.link.EntraUserLinker;
import org.keycloak.authentication.authenticators.access.DenyAccessAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Closes every Keycloak door of a tenant realm that would lead to a session, a token or a credential change without a
 * second factor: the realm's browser flow is the SFO flow (single sign-on from an Entra transaction, else a fresh
 * factor, never a password), the direct grant is denied, self-service registration and password reset are off,
 * Keycloak's own enrolment actions are off (ours ask for a fresh factor), factor destinations and Entra bindings are
 * admin-only attributes. Only ever tightens, so applying it again changes nothing; the self-test reports a door an
 * admin opens again.
 */
public final class TenantRealmHardening {

    public static final String DIRECT_GRANT_FLOW_ALIAS = "entra-sfo direct grant denied";
    /** Keycloak's enrolment actions that would add a factor on the strength of an SSO cookie or an action link alone. */
    public static final List<String> UNGUARDED_ENROLMENT_ACTIONS = List.of(
            UserModel.RequiredAction.CONFIGURE_TOTP.name(), "webauthn-register", "webauthn-register-passwordless",
            UserModel.RequiredAction.UPDATE_EMAIL.name(), UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name());
    static final String DELETE_CREDENTIAL_ACTION = "delete_credential";
    /** Lets users add push devices from the Account Console, after a fresh factor. */
    static final String PUSH_ENROLMENT_ACTION = "sfo-push-enrol";
    /** Keycloak's defaults, which a tenant realm shortens: an SSO session from a shared workstation should not linger. */
    static final int KEYCLOAK_SSO_IDLE = 1800;
    static final int KEYCLOAK_SSO_MAX = 36000;
    static final int SSO_IDLE_SECONDS = 15 * 60;
    static final int SSO_MAX_SECONDS = 8 * 3600;

    /** Attributes that bind a user to Entra or say where codes go: admins (and directory sync) set them, users never. */
    public record ProtectedAttribute(String name, String displayName, boolean userMaySee, boolean multivalued) {
    }

    public static final List<ProtectedAttribute> PROTECTED_ATTRIBUTES = List.of(
            new ProtectedAttribute(EntraUserLinker.OID_ATTRIBUTE, "Entra object ID", false, false),
            new ProtectedAttribute(EntraUserLinker.TID_ATTRIBUTE, "Entra tenant ID", false, false),
            new ProtectedAttribute(UserModel.EMAIL, "${email}", true, false),
            new ProtectedAttribute("phoneNumber", "Mobile number", true, false),
            new ProtectedAttribute("sfo_enrolment_until", "Second factor enrolment open until", false, false),
            new ProtectedAttribute("sfo_hardware_otp", "Imported hardware OTP tokens", false, true));

    private final KeycloakSession session;
    private final RealmModel realm;

    TenantRealmHardening(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void apply(AuthenticationFlowModel sfoFlow) {
        auditAndLockout();
        realm.setBrowserFlow(sfoFlow);
        realm.setDirectGrantFlow(deniedDirectGrantFlow());
        realm.getClientsStream().filter(c -> c.isDirectAccessGrantsEnabled()).forEach(c -> c.setDirectAccessGrantsEnabled(false));
        realm.setRegistrationAllowed(false);
        realm.setResetPasswordAllowed(false);
        realm.setRememberMe(false);
        realm.setEditUsernameAllowed(false);
        if (realm.getSsoSessionIdleTimeout() == KEYCLOAK_SSO_IDLE && realm.getSsoSessionMaxLifespan() == KEYCLOAK_SSO_MAX) {
            realm.setSsoSessionIdleTimeout(SSO_IDLE_SECONDS);
            realm.setSsoSessionMaxLifespan(SSO_MAX_SECONDS);
        }
        requiredActions();
        protectedAttributes();
    }

    /** The audit trail on, wrong codes lock out, id_tokens live minutes. */
    private void auditAndLockout() {
        if (!realm.isEventsEnabled()) {
            realm.setEventsEnabled(true);
            realm.setEventsExpiration(90L * 24 * 3600);
        }
        if (!realm.isAdminEventsEnabled()) {
            realm.setAdminEventsEnabled(true);
            realm.setAdminEventsDetailsEnabled(true);
        }
        if (!realm.isBruteForceProtected()) {
            realm.setBruteForceProtected(true);
        }
        if (realm.getAccessTokenLifespanForImplicitFlow() > 300) {
            realm.setAccessTokenLifespanForImplicitFlow(300);
        }
    }

    /** Keycloak's "Deny access" as the only step: no password grant, no SAML ECP, whatever a client asks for. */
    private AuthenticationFlowModel deniedDirectGrantFlow() {
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

    private void requiredActions() {
        for (String alias : UNGUARDED_ENROLMENT_ACTIONS) {
            RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(alias);
            if (action != null && action.isEnabled()) {
                action.setEnabled(false);
                realm.updateRequiredActionProvider(action);
            }
        }
        // A profile form must never interrupt the five minutes Entra waits.
        RequiredActionProviderModel verifyProfile = realm.getRequiredActionProviderByAlias(UserModel.RequiredAction.VERIFY_PROFILE.name());
        if (verifyProfile != null && verifyProfile.isEnabled()) {
            verifyProfile.setEnabled(false);
            realm.updateRequiredActionProvider(verifyProfile);
        }
        if (realm.getRequiredActionProviderByAlias(PUSH_ENROLMENT_ACTION) == null) {
            RequiredActionProviderModel pushEnrolment = new RequiredActionProviderModel();
            pushEnrolment.setAlias(PUSH_ENROLMENT_ACTION);
            pushEnrolment.setProviderId(PUSH_ENROLMENT_ACTION);
            pushEnrolment.setName("Set up push approval");
            pushEnrolment.setEnabled(true);
            pushEnrolment.setDefaultAction(false);
            pushEnrolment.setPriority(100);
            realm.addRequiredActionProvider(pushEnrolment);
        }
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

    /**
     * Defined, or made, admin-editable: a user who could edit {@code entra_oid} would re-bind themselves to another
     * Entra identity, one who could edit their email or mobile number would move the codes of the email or SMS factor.
     */
    private void protectedAttributes() {
        UserProfileProvider userProfile = session.getProvider(UserProfileProvider.class);
        UPConfig config = userProfile.getConfiguration();
        boolean changed = false;
        for (ProtectedAttribute wanted : PROTECTED_ATTRIBUTES) {
            UPAttribute definition = config.getAttribute(wanted.name());
            Set<String> viewers = wanted.userMaySee() ? Set.of("admin", "user") : Set.of("admin");
            if (definition == null) {
                definition = new UPAttribute(wanted.name(), new UPAttributePermissions(viewers, Set.of("admin")));
                definition.setDisplayName(wanted.displayName());
                definition.setMultivalued(wanted.multivalued());
                config.addOrReplaceAttribute(definition);
                changed = true;
            } else if (!adminOnlyEdit(definition)) {
                definition.setPermissions(new UPAttributePermissions(viewers, Set.of("admin")));
                changed = true;
            }
        }
        if (changed) {
            userProfile.setConfiguration(config);
        }
    }

    public static boolean adminOnlyEdit(UPAttribute definition) {
        return definition.getPermissions() != null && definition.getPermissions().getEdit() != null
                && Set.of("admin").containsAll(definition.getPermissions().getEdit());
    }
}
