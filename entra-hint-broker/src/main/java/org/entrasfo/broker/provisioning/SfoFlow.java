package org.entrasfo.broker.provisioning;

import java.util.HashMap;
import java.util.Map;

import org.entrasfo.broker.EntraHintBrokerAuthenticatorFactory;
import org.entrasfo.broker.sso.SingleSignOnAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.entrasfo.broker.admin.TenantProfile;
import org.entrasfo.factor.SecondFactor;
import org.keycloak.models.RealmModel;

/**
 * The realm's second-factor-only flow, which is both the Entra client's flow and the realm's browser flow:
 * <pre>
 * entra-second-factor-only
 *   SFO: single sign-on for the realm's other applications   ALTERNATIVE  (never for Entra's requests)
 *   entra-second-factor-only sign-in                          ALTERNATIVE
 *     Entra ID hint (external MFA)                            REQUIRED     (Entra: the hint; others: the signed-in user)
 *     SFO: factor policy                                      REQUIRED
 *     entra-second-factor-only factors                        REQUIRED
 *       the second factors, ALTERNATIVE or DISABLED
 * </pre>
 * No password and no username form anywhere: the first factor is Entra's hint, or the SSO session an Entra
 * transaction left.
 */
public final class SfoFlow implements ProvisioningStep {

    public static final String FLOW_ALIAS = "entra-second-factor-only";
    public static final String SIGN_IN_FLOW_ALIAS = FLOW_ALIAS + " sign-in";
    public static final String FACTORS_FLOW_ALIAS = FLOW_ALIAS + " factors";
    public static final String BROKER_CONFIG_ALIAS = "entra-hint-broker";
    private static final AuthenticationExecutionModel.Requirement REQUIRED = AuthenticationExecutionModel.Requirement.REQUIRED;
    private static final AuthenticationExecutionModel.Requirement ALTERNATIVE = AuthenticationExecutionModel.Requirement.ALTERNATIVE;

    private RealmModel realm;

    /**
     * The flow, made when missing; an existing one (maybe edited by the admin) only gets the profile's broker settings.
     * Entra's client uses it, or the top-level flow the profile names.
     */
    @Override
    public void apply(TenantRealmSetup setup) {
        this.realm = setup.realm();
        AuthenticationFlowModel flow = realm.getFlowByAlias(FLOW_ALIAS);
        setup.sfoFlow(flow == null ? create(setup) : updated(flow, setup.profile()));
        String workflow = setup.profile().workflow;
        if (workflow != null && !workflow.isBlank()) {
            AuthenticationFlowModel chosen = realm.getFlowByAlias(workflow.trim());
            if (chosen == null || !chosen.isTopLevel()) {
                throw new IllegalArgumentException("No top-level authentication flow '" + workflow.trim() + "' in realm " + realm.getName());
            }
            setup.entraFlow(chosen);
        }
    }

    private AuthenticationFlowModel updated(AuthenticationFlowModel flow, TenantProfile profile) {
        // Settings made elsewhere (clock skew set by REST, an authority for a private cloud) stay.
        Map<String, String> settings = BrokerSettings.of(profile);
        brokerConfigs(flow.getId()).forEach(config -> {
            Map<String, String> merged = new HashMap<>(config.getConfig() == null ? Map.of() : config.getConfig());
            merged.putAll(settings);
            if (!merged.equals(config.getConfig())) {
                config.setConfig(merged);
                realm.updateAuthenticatorConfig(config);
            }
        });
        return flow;
    }

    private java.util.stream.Stream<AuthenticatorConfigModel> brokerConfigs(String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId).flatMap(execution -> execution.isAuthenticatorFlow()
                ? brokerConfigs(execution.getFlowId())
                : EntraHintBrokerAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()) && execution.getAuthenticatorConfig() != null
                ? java.util.stream.Stream.ofNullable(realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()))
                : java.util.stream.Stream.empty());
    }

    private AuthenticationFlowModel create(TenantRealmSetup setup) {
        TenantProfile profile = setup.profile();
        AuthenticationFlowModel flow = addFlow(FLOW_ALIAS, true,
                "Microsoft Entra ID external MFA: the Entra hint proves the first factor, one second factor follows. "
                        + "The realm's other applications get single sign-on from the session it leaves; no password, no username form.");
        addExecution(flow, SingleSignOnAuthenticatorFactory.PROVIDER_ID, 10, null, ALTERNATIVE);
        AuthenticationFlowModel signIn = addFlow(SIGN_IN_FLOW_ALIAS, false,
                "Entra's hint (or, for the realm's other applications, the signed-in user), then one second factor.");
        addSubflow(flow, signIn, 20, ALTERNATIVE);
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setAlias(BROKER_CONFIG_ALIAS);
        config.setConfig(BrokerSettings.of(profile));
        config = realm.addAuthenticatorConfig(config);
        addExecution(signIn, EntraHintBrokerAuthenticatorFactory.PROVIDER_ID, 10, config.getId(), REQUIRED);
        addExecution(signIn, setup.policyStep(), 20, null, REQUIRED);
        // Alternatives in a subflow: Keycloak takes the first usable one and offers the others as "try another way".
        AuthenticationFlowModel factors = addFlow(FACTORS_FLOW_ALIAS, false,
                "The second factors; the policy step skips those the user cannot use.");
        addSubflow(signIn, factors, 30, REQUIRED);
        // Every deployed factor, in the order the factors state; those the profile does not choose are there, disabled.
        int priority = 10;
        for (SecondFactor factor : setup.factors()) {
            addExecution(factors, factor.getId(), priority, null,
                    chosen(profile, factor) ? ALTERNATIVE : AuthenticationExecutionModel.Requirement.DISABLED);
            priority += 10;
        }
        return flow;
    }

    private static boolean chosen(TenantProfile profile, SecondFactor factor) {
        return profile.factors == null || profile.factors.isEmpty() ? factor.setup().onByDefault() : profile.factors.contains(factor.getId());
    }

    private AuthenticationFlowModel addFlow(String alias, boolean topLevel, String description) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(topLevel);
        flow.setBuiltIn(false);
        return realm.addAuthenticationFlow(flow);
    }

    private void addSubflow(AuthenticationFlowModel parent, AuthenticationFlowModel child, int priority,
                            AuthenticationExecutionModel.Requirement requirement) {
        AuthenticationExecutionModel subflow = new AuthenticationExecutionModel();
        subflow.setParentFlow(parent.getId());
        subflow.setFlowId(child.getId());
        subflow.setAuthenticatorFlow(true);
        subflow.setRequirement(requirement);
        subflow.setPriority(priority);
        realm.addAuthenticatorExecution(subflow);
    }

    private void addExecution(AuthenticationFlowModel flow, String authenticator, int priority, String configId,
                              AuthenticationExecutionModel.Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(flow.getId());
        execution.setAuthenticator(authenticator);
        execution.setRequirement(requirement);
        execution.setPriority(priority);
        execution.setAuthenticatorFlow(false);
        execution.setAuthenticatorConfig(configId);
        realm.addAuthenticatorExecution(execution);
    }
}
