package org.entrasfo.broker.selftest;

import org.entrasfo.factor.FactorRealmSettings;
import org.entrasfo.factor.SecondFactor;
import org.entrasfo.factor.SecondFactors;
import org.entrasfo.factor.realm.TenantRealms;
import org.entrasfo.broker.provisioning.AcrMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.entrasfo.broker.EntraHintBrokerAuthenticatorFactory;
import org.entrasfo.broker.EntraHintBrokerConfig;
import org.entrasfo.broker.hint.EntraCloud;
import org.entrasfo.broker.mappers.EntraClaimsMapper;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The realm's side of the self-test: what the Entra client, its flow and the realm must be, read from the model. */
public final class RealmConfigurationCheck {

    private RealmConfigurationCheck() {
    }

    public static List<Finding> run(KeycloakSession session, RealmModel realm) {
        List<Finding> findings = new ArrayList<>();
        List<ClientModel> clients = realm.getClientsStream()
                .filter(c -> c.getAttribute(TenantRealms.ENTRA_CLIENT_ATTRIBUTE) != null).toList();
        if (clients.isEmpty()) {
            findings.add(Finding.failed("entra-client", "no Microsoft External Authentication profile in realm " + realm.getName(),
                    "Add a profile on the Microsoft External Authentication page, or call the tenant-realms REST API."));
            return findings;
        }
        findings.add(Finding.check(realm.isEnabled(), "realm-enabled", "realm " + (realm.isEnabled() ? "enabled" : "disabled"),
                "Keycloak turns Entra's requests to a disabled realm away: enable it (Realm settings) when it should serve the tenant again."));
        findings.add(Finding.check(realm.isEventsEnabled(), "events", "login events " + (realm.isEventsEnabled() ? "on" : "off"),
                "Turn on user events (Realm settings, Events): they are the audit trail of every SFO attempt."));
        findings.add(Finding.check(realm.isBruteForceProtected(), "brute-force", "brute-force detection " + (realm.isBruteForceProtected() ? "on" : "off"),
                "Turn on brute-force detection (Realm settings, Security defenses): wrong codes must lock out."));
        for (ClientModel client : clients) {
            String name = "client " + client.getClientId() + ": ";
            List<String> standard = Arrays.stream(EntraCloud.values()).map(c -> c.authority().redirectUri()).toList();
            String fix = "Exactly one redirect URI: Entra's of the tenant's cloud, such as " + standard.get(0) + ".";
            if (client.getRedirectUris().size() != 1) {
                findings.add(Finding.failed("redirect-uri", name + client.getRedirectUris().size() + " redirect URIs", fix));
            } else if (standard.contains(client.getRedirectUris().iterator().next())) {
                findings.add(Finding.passed("redirect-uri", name + client.getRedirectUris().iterator().next()));
            } else {
                findings.add(Finding.warning("redirect-uri", name + client.getRedirectUris().iterator().next()
                        + " is not one of Microsoft's (a custom authority)", fix));
            }
            findings.add(Finding.check(client.isImplicitFlowEnabled() && !client.isStandardFlowEnabled() && client.isPublicClient()
                            && !client.isConsentRequired(), "client-flows", name + "implicit id_token only, public, no consent",
                    "Entra sends response_type=id_token and authenticates nothing itself: save the profile again to restore this."));
            findings.add(Finding.check("true".equals(client.getAttribute("exclude.session.state.from.auth.response"))
                            && "true".equals(client.getAttribute("exclude.issuer.from.auth.response")), "response-parameters",
                    name + "no session_state or iss in the answer", "Save the profile again to restore this."));
            findings.add(Finding.check(client.getProtocolMappersStream().anyMatch(m -> EntraClaimsMapper.PROVIDER_ID.equals(m.getProtocolMapper())),
                    "claims-mapper", name + "Entra external MFA claims mapper", "Save the profile again to add the mapper."));
            String acrMap = Objects.toString(client.getAttribute(Constants.ACR_LOA_MAP), "") + Objects.toString(realm.getAttribute(Constants.ACR_LOA_MAP), "");
            List<String> missing = AcrMapping.ENTRA_ACR_VALUES.stream().filter(acr -> !acrMap.contains("\"" + acr + "\"")).toList();
            findings.add(Finding.check(missing.isEmpty(), "acr-loa-mapping", missing.isEmpty() ? name + "all seven Entra acr values mapped"
                    : name + "not mapped: " + missing, "Without a mapping Keycloak refuses Entra's essential acr: save the profile again."));
            String flowId = client.getAuthenticationFlowBindingOverride("browser");
            AuthenticationFlowModel flow = flowId == null ? null : realm.getAuthenticationFlowById(flowId);
            boolean brokerInFlow = flow != null && org.entrasfo.factor.realm.FlowSteps.enabledAuthenticators(realm, flow.getId())
                    .anyMatch(EntraHintBrokerAuthenticatorFactory.PROVIDER_ID::equals);
            findings.add(Finding.check(brokerInFlow, "flow-binding", name + "browser flow " + (flow == null ? "not bound" : flow.getAlias()),
                    "Bind the client to a flow with the step 'Entra ID hint (external MFA)'."));
            if (flow != null) {
                executions(realm, flow.getId())
                        .filter(e -> EntraHintBrokerAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()) && e.getAuthenticatorConfig() != null)
                        .map(e -> realm.getAuthenticatorConfigById(e.getAuthenticatorConfig())).filter(Objects::nonNull).findFirst()
                        .ifPresent(config -> {
                            EntraHintBrokerConfig broker = EntraHintBrokerConfig.of(config);
                            findings.add(Finding.check(Objects.equals(broker.tenantId().orElse(null), client.getAttribute(TenantRealms.ENTRA_CLIENT_ATTRIBUTE)),
                                    "tenant", name + "hints must come from tenant " + broker.tenantId().orElse("(none)"),
                                    "The hint step's tenant ID differs from the profile's: save the profile again."));
                            if (broker.authority().custom()) {
                                findings.add(Finding.warning("authority", name + "trusts " + broker.authority().jwksUrl() + " instead of Microsoft",
                                        "Only tests and private clouds set a custom authority: clear it in the hint step's settings."));
                            }
                        });
            }
        }
        WebAuthnPolicyCheck.run(session, realm).ifPresent(findings::add);
        findings.addAll(SideDoorCheck.run(session, realm));
        storedFactorSettings(session, realm, findings);
        return findings;
    }

    /** Each factor's own settings as the realm holds them (a secret written as plain text into an attribute, say). */
    private static void storedFactorSettings(KeycloakSession session, RealmModel realm, List<Finding> findings) {
        for (SecondFactor factor : SecondFactors.deployed(session.getKeycloakSessionFactory())) {
            factor.realmSettings().ifPresent(settings -> {
                List<FactorRealmSettings.Problem> problems = settings.storedProblems(session, realm);
                if (problems.isEmpty()) {
                    findings.add(Finding.passed("factor-settings", factor.getId() + ": settings stored as the product stores them"));
                }
                problems.forEach(problem -> findings.add(Finding.failed("factor-settings",
                        factor.getId() + "." + problem.property() + " as stored", problem.message())));
            });
        }
    }

    private static java.util.stream.Stream<org.keycloak.models.AuthenticationExecutionModel> executions(RealmModel realm, String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId)
                .flatMap(e -> e.isAuthenticatorFlow() ? executions(realm, e.getFlowId()) : java.util.stream.Stream.of(e));
    }
}
