package org.entrasfo.broker.selftest;

import java.util.ArrayList;
import java.util.List;

import org.entrasfo.broker.provisioning.AdminOnlyAttributes;
import org.entrasfo.broker.provisioning.KeycloakDoors;
import org.entrasfo.broker.provisioning.SfoFlow;
import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.SecondFactors;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.entrasfo.broker.EntraHintBrokerAuthenticatorFactory;
import org.entrasfo.broker.sso.SingleSignOnAuthenticatorFactory;
import org.entrasfo.factor.realm.FlowSteps;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * The doors of a tenant realm that provisioning closes, each reported FAILED when someone opens it again: a way to a
 * session, a token or a credential change that does not pass a second factor first.
 */
public final class SideDoorCheck {

    /**
     * Steps that never sign a user in on their own: the deployed factors and policy step, the hint step and the single
     * sign-on step (whose session came from a factor), Keycloak's cookie, conditions, OTP and WebAuthn forms, and deny.
     */
    static boolean guarded(KeycloakSessionFactory factory, String authenticator) {
        return SecondFactors.byId(factory, authenticator).isPresent()
                || SecondFactors.policyStep(factory).filter(authenticator::equals).isPresent()
                || authenticator.startsWith("conditional-")
                || List.of(EntraHintBrokerAuthenticatorFactory.PROVIDER_ID, SingleSignOnAuthenticatorFactory.PROVIDER_ID,
                "auth-cookie", "auth-otp-form", "webauthn-authenticator", DENY).contains(authenticator);
    }

    static final String DENY = "deny-access-authenticator";
    static final int SSO_IDLE_WARNING_SECONDS = 3600;
    static final int SSO_MAX_WARNING_SECONDS = 12 * 3600;

    private SideDoorCheck() {
    }

    static List<Finding> run(KeycloakSession session, RealmModel realm) {
        List<Finding> findings = new ArrayList<>();
        browserFlows(session, realm, findings);
        directGrant(realm, findings);
        findings.add(Finding.check(!realm.isRegistrationAllowed(), "door-registration", "self-registration "
                + (realm.isRegistrationAllowed() ? "on" : "off"), "Turn off user registration (Realm settings, Login)."));
        findings.add(Finding.check(!realm.isResetPasswordAllowed(), "door-reset-password", "forgot password "
                + (realm.isResetPasswordAllowed() ? "on" : "off"), "Turn off 'Forgot password' (Realm settings, Login)."));
        findings.add(Finding.check(!realm.isEditUsernameAllowed(), "door-edit-username", "users " + (realm.isEditUsernameAllowed()
                ? "may" : "may not") + " change their username", "Turn off 'Edit username': linking to Entra relies on it."));
        if (realm.isRememberMe()) {
            findings.add(Finding.warning("door-remember-me", "'Remember me' keeps SSO sessions for days",
                    "Turn off 'Remember me' (Realm settings, Login), above all on shared workstations."));
        }
        // By provider, not alias: Keycloak's enrolment renamed to an innocent alias is the same door.
        realm.getRequiredActionProvidersStream()
                .filter(action -> KeycloakDoors.UNGUARDED_ENROLMENT_ACTIONS.contains(action.getProviderId()) && action.isEnabled())
                .forEach(action -> findings.add(Finding.failed("door-required-action", "required action " + action.getAlias()
                        + (action.getAlias().equals(action.getProviderId()) ? "" : " (Keycloak's " + action.getProviderId() + ")")
                        + " is on: it adds a factor on the strength of an SSO session or an action link", "Turn it off "
                        + "(Authentication, Required actions); users add factors through the product's own actions, which ask for a "
                        + "fresh factor first.")));
        boolean accountApiOpen = KeycloakDoors.accountApiManagedWithoutFactor(realm);
        findings.add(Finding.check(!accountApiOpen, "door-account-api", accountApiOpen
                        ? "users' default roles or the Account Console's token give manage-account: Keycloak's Account REST API removes factors with it, no fresh factor asked"
                        : "the Account REST API reads the account; factors change only through actions that ask for a fresh factor",
                "Take manage-account out of the realm's default roles and the account-console client's scope (or save the profile again)."));
        userProfile(session, realm, findings);
        String policyStep = SecondFactors.policyStep(session.getKeycloakSessionFactory()).orElse("");
        realm.getIdentityProvidersStream().filter(idp -> idp.isEnabled()).forEach(idp -> {
            AuthenticationFlowModel post = idp.getPostBrokerLoginFlowId() == null ? null
                    : realm.getAuthenticationFlowById(idp.getPostBrokerLoginFlowId());
            boolean factor = post != null && FlowSteps.enabledAuthenticators(realm, post.getId()).anyMatch(policyStep::equals);
            findings.add(Finding.check(factor, "door-identity-provider", "identity provider " + idp.getAlias()
                            + (factor ? " asks for a second factor after sign-in" : " signs users in without a second factor"),
                    "Remove it, or give it a post login flow with the SFO factor policy and factors."));
        });
        boolean shortSso = realm.getSsoSessionIdleTimeout() <= SSO_IDLE_WARNING_SECONDS && realm.getSsoSessionMaxLifespan() <= SSO_MAX_WARNING_SECONDS;
        findings.add(shortSso ? Finding.passed("sso-lifetime", "SSO sessions idle " + realm.getSsoSessionIdleTimeout() / 60
                + " min, at most " + realm.getSsoSessionMaxLifespan() / 3600 + " h")
                : Finding.warning("sso-lifetime", "SSO sessions idle " + realm.getSsoSessionIdleTimeout() / 60 + " min, at most "
                + realm.getSsoSessionMaxLifespan() / 3600 + " h", "Keep them short on shared workstations (Realm settings, Sessions)."));
        return findings;
    }

    /** The realm's browser flow and every client's own: no step that signs a user in without a second factor. */
    private static void browserFlows(KeycloakSession session, RealmModel realm, List<Finding> findings) {
        AuthenticationFlowModel browser = realm.getBrowserFlow();
        List<String> open = browser == null ? List.of("(none bound)") : unguarded(session, realm, browser.getId());
        findings.add(Finding.check(open.isEmpty(), "door-browser-flow", "browser flow " + (browser == null ? "none" : browser.getAlias())
                        + (open.isEmpty() ? ": single sign-on or a second factor only" : " signs users in through " + open),
                "Bind the realm's browser flow to " + SfoFlow.FLOW_ALIAS + " (save the profile again)."));
        realm.getClientsStream().filter(ClientModel::isEnabled)
                .filter(c -> c.isStandardFlowEnabled() || c.isImplicitFlowEnabled())
                .filter(c -> c.getAuthenticationFlowBindingOverride("browser") != null)
                .forEach(client -> {
                    AuthenticationFlowModel flow = realm.getAuthenticationFlowById(client.getAuthenticationFlowBindingOverride("browser"));
                    List<String> steps = flow == null ? List.of() : unguarded(session, realm, flow.getId());
                    if (!steps.isEmpty()) {
                        findings.add(Finding.failed("door-client-flow", "client " + client.getClientId() + " signs users in through "
                                + steps + " without a second factor", "Bind it to a flow of single sign-on and second factors only."));
                    }
                });
    }

    private static void directGrant(RealmModel realm, List<Finding> findings) {
        AuthenticationFlowModel realmFlow = realm.getDirectGrantFlow();
        findings.add(Finding.check(denies(realm, realmFlow), "door-direct-grant", "direct grant flow "
                        + (realmFlow == null ? "none" : realmFlow.getAlias()) + (denies(realm, realmFlow) ? " denies every request" : " accepts passwords"),
                "Bind the realm's direct grant flow to '" + KeycloakDoors.DIRECT_GRANT_FLOW_ALIAS + "' (save the profile again)."));
        realm.getClientsStream().filter(ClientModel::isEnabled).filter(ClientModel::isDirectAccessGrantsEnabled).forEach(client -> {
            String override = client.getAuthenticationFlowBindingOverride("direct_grant");
            AuthenticationFlowModel flow = override == null ? realmFlow : realm.getAuthenticationFlowById(override);
            if (!denies(realm, flow)) {
                findings.add(Finding.failed("door-direct-grant", "client " + client.getClientId() + " accepts the password grant",
                        "Turn off 'Direct access grants' of the client: a password alone would get a token."));
            }
        });
    }

    private static void userProfile(KeycloakSession session, RealmModel realm, List<Finding> findings) {
        // The user profile provider reads the context's realm.
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        UPConfig config;
        try {
            config = session.getProvider(UserProfileProvider.class).getConfiguration();
        } finally {
            session.getContext().setRealm(previous);
        }
        for (FactorSetup.UserAttribute attribute : AdminOnlyAttributes.of(SecondFactors.deployed(session.getKeycloakSessionFactory()))) {
            String name = attribute.name();
            UPAttribute definition = config.getAttribute(name);
            boolean adminOnly = definition != null && AdminOnlyAttributes.adminOnlyEdit(definition);
            boolean undefinedIsClosed = definition == null && config.getUnmanagedAttributePolicy() != UPConfig.UnmanagedAttributePolicy.ENABLED;
            if (!adminOnly && !undefinedIsClosed) {
                findings.add(Finding.failed("door-user-profile", "users may edit the attribute " + name,
                        "Let only admins edit it (Realm settings, User profile): it binds Entra identities or says where codes go."));
            }
        }
    }

    private static boolean denies(RealmModel realm, AuthenticationFlowModel flow) {
        return flow != null && realm.getAuthenticationExecutionsStream(flow.getId())
                .anyMatch(e -> DENY.equals(e.getAuthenticator()) && e.getRequirement() == AuthenticationExecutionModel.Requirement.REQUIRED);
    }

    private static List<String> unguarded(KeycloakSession session, RealmModel realm, String flowId) {
        return FlowSteps.enabledAuthenticators(realm, flowId).filter(a -> !guarded(session.getKeycloakSessionFactory(), a)).distinct().toList();
    }
}
