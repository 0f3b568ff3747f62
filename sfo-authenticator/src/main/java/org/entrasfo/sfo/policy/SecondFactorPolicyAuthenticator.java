package org.entrasfo.sfo.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.EntraTransaction;
import org.entrasfo.factor.transaction.FreshFactor;
import org.entrasfo.factor.transaction.SecondFactorCompletion;
import org.entrasfo.factor.FactorAvailability;
import org.entrasfo.factor.SecondFactor;
import org.entrasfo.factor.realm.FlowSteps;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.CommonClientSessionModel;

/**
 * Asks every factor of the flow, with its own configuration, whether it can serve the user, and marks the others as
 * skipped. Keycloak's alternative handling and "try another way" then only see factors that can work, and a user with
 * none is refused here, before anything is sent.
 */
public class SecondFactorPolicyAuthenticator implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        EntraEvents.tag(context.getEvent(), context.getAuthenticationSession());
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        Set<String> allowed = allowedFactors(session, realm, user, context.getAuthenticatorConfig());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();

        List<String> refusals = new ArrayList<>();
        Map<AuthenticationExecutionModel, FactorAvailability> candidates =
                availabilities(session, realm, user, context.getTopLevelFlow().getId(), allowed);
        // In-flow enrolment is for users with nothing usable; whoever has a factor passes it first. Only Entra's
        // transaction proves a first factor just now: an SSO cookie left on a shared workstation does not.
        boolean enrolment = EntraTransaction.of(authSession).isPresent() && noneUsable(candidates);
        // Keycloak asks the signed-in user to authenticate again before an action that changes their factors (its own
        // delete_credential included): only a factor that may confirm such a change is offered for it.
        boolean factorChange = FreshFactor.isForAFactorChange(authSession);
        List<String> offered = new ArrayList<>();
        List<String> notForChanges = new ArrayList<>();
        candidates.forEach((execution, availability) -> {
            String factorId = execution.getAuthenticator();
            if (availability.state() == FactorAvailability.State.ENROLLABLE && !enrolment) {
                availability = FactorAvailability.unavailable(EntraTransaction.of(authSession).isPresent()
                        ? "enrolment in the flow is only for users without a usable factor"
                        : "enrolment in the flow is only inside an Entra transaction");
            }
            if (availability.canServe() && factorChange && !confirmsFactorChanges(session, execution)) {
                availability = FactorAvailability.unavailable("it does not confirm a change to the user's factors");
                notForChanges.add(factorId);
            }
            if (availability.canServe()) {
                offered.add(factorId);
            } else {
                refusals.add(factorId + ": " + availability.reason());
                authSession.setExecutionStatus(execution.getId(), CommonClientSessionModel.ExecutionStatus.SKIPPED);
            }
        });
        if (offered.isEmpty()) {
            String detail = refusals.isEmpty() ? "no factor is enabled in the flow" : String.join("; ", refusals);
            if (notForChanges.isEmpty()) {
                SecondFactorCompletion.refuseWithoutUsableFactor(context, detail);
            } else {
                SecondFactorCompletion.refuseFactorChange(context, detail);
            }
            return;
        }
        SecondFactorPolicy.record(authSession, offered, enrolment);
        context.success();
    }

    /**
     * Asked again on every enrolment step: whether the user still has no factor the policy allows. A factor may have
     * been added meanwhile (in another session), and a page kept open must not enrol a second one past it.
     */
    public static boolean stillWithoutUsableFactor(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        String flowId = context.getTopLevelFlow().getId();
        AuthenticatorConfigModel policy = FlowSteps.enabled(realm, flowId)
                .filter(execution -> SecondFactorPolicyAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
                .findFirst().map(execution -> configOf(realm, execution)).orElse(null);
        Set<String> allowed = allowedFactors(context.getSession(), realm, context.getUser(), policy);
        return noneUsable(availabilities(context.getSession(), realm, context.getUser(), flowId, allowed));
    }

    private static Map<AuthenticationExecutionModel, FactorAvailability> availabilities(KeycloakSession session, RealmModel realm,
                                                                                       UserModel user, String flowId, Set<String> allowed) {
        Map<AuthenticationExecutionModel, FactorAvailability> candidates = new LinkedHashMap<>();
        for (AuthenticationExecutionModel execution : FlowSteps.enabled(realm, flowId).toList()) {
            SecondFactor factory = factoryOf(session, execution);
            if (factory != null) {
                candidates.put(execution, allowed.isEmpty() || allowed.contains(factory.getId())
                        ? factory.availabilityFor(session, realm, user, configOf(realm, execution))
                        : FactorAvailability.unavailable("not allowed by the policy"));
            }
        }
        return candidates;
    }

    private static boolean confirmsFactorChanges(KeycloakSession session, AuthenticationExecutionModel execution) {
        SecondFactor factor = factoryOf(session, execution);
        return factor != null && factor.reportableMethods().stream().anyMatch(AuthenticationMethod::confirmsFactorChanges);
    }

    private static boolean noneUsable(Map<AuthenticationExecutionModel, FactorAvailability> candidates) {
        return candidates.values().stream().noneMatch(a -> a.state() == FactorAvailability.State.USABLE);
    }

    private static SecondFactor factoryOf(KeycloakSession session, AuthenticationExecutionModel execution) {
        var factory = session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, execution.getAuthenticator());
        return factory instanceof SecondFactor factor ? factor : null;
    }

    private static AuthenticatorConfigModel configOf(RealmModel realm, AuthenticationExecutionModel execution) {
        return execution.getAuthenticatorConfig() == null ? null : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
    }

    /** The factors of the first rule that applies to the user, else the realm default; empty means every factor. */
    static Set<String> allowedFactors(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config) {
        Map<String, String> settings = config == null || config.getConfig() == null ? Map.of() : config.getConfig();
        Optional<PolicyRule> rule = values(settings, SecondFactorPolicyAuthenticatorFactory.RULES)
                .map(PolicyRule::parse).flatMap(Optional::stream)
                .filter(r -> r.appliesTo(session, realm, user))
                .findFirst();
        if (rule.isPresent()) {
            return Set.copyOf(rule.get().factors());
        }
        return values(settings, SecondFactorPolicyAuthenticatorFactory.ALLOWED_FACTORS).collect(Collectors.toSet());
    }

    private static Stream<String> values(Map<String, String> settings, String key) {
        return Arrays.stream(settings.getOrDefault(key, "").split(Constants.CFG_DELIMITER)).map(String::trim).filter(s -> !s.isEmpty());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
