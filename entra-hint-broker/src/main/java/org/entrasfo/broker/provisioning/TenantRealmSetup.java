package org.entrasfo.broker.provisioning;

import java.util.List;
import java.util.Objects;

import org.entrasfo.broker.EntraHintBrokerConfig;
import org.entrasfo.broker.admin.TenantProfile;
import org.entrasfo.factor.SecondFactor;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What the provisioning steps share: the realm, the admin's profile, the factors and the policy step deployed on
 * this node, and what an earlier step made for a later one (the second-factor-only flow, the flow Entra's client uses).
 */
public final class TenantRealmSetup {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TenantProfile profile;
    private final List<SecondFactor> factors;
    private final String policyStep;
    private AuthenticationFlowModel sfoFlow;
    private AuthenticationFlowModel entraFlow;

    public TenantRealmSetup(KeycloakSession session, RealmModel realm, TenantProfile profile, List<SecondFactor> factors,
                            String policyStep) {
        this.session = session;
        this.realm = realm;
        this.profile = profile;
        this.factors = List.copyOf(factors);
        this.policyStep = policyStep;
    }

    public KeycloakSession session() {
        return session;
    }

    public RealmModel realm() {
        return realm;
    }

    public TenantProfile profile() {
        return profile;
    }

    public List<SecondFactor> factors() {
        return factors;
    }

    public String policyStep() {
        return policyStep;
    }

    /** The level of authentication the SSO session records for the realm's other clients. */
    public int levelOfAuthentication() {
        return EntraHintBrokerConfig.of(BrokerSettings.of(profile)).levelOfAuthentication();
    }

    public AuthenticationFlowModel sfoFlow() {
        return Objects.requireNonNull(sfoFlow, "the second-factor-only flow is made by an earlier step");
    }

    void sfoFlow(AuthenticationFlowModel flow) {
        this.sfoFlow = flow;
    }

    /** The flow Entra's client is bound to: the second-factor-only flow unless the profile names another. */
    public AuthenticationFlowModel entraFlow() {
        return entraFlow != null ? entraFlow : sfoFlow();
    }

    void entraFlow(AuthenticationFlowModel flow) {
        this.entraFlow = flow;
    }
}
