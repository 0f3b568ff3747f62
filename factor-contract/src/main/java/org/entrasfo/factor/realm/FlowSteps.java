package org.entrasfo.factor.realm;

import java.util.stream.Stream;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;

/** The steps of a flow that can run: the enabled executions anywhere under it, no disabled subflow above them, in flow order. */
public final class FlowSteps {

    private FlowSteps() {
    }

    public static Stream<AuthenticationExecutionModel> enabled(RealmModel realm, String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> !execution.isDisabled())
                .flatMap(execution -> execution.isAuthenticatorFlow() ? enabled(realm, execution.getFlowId()) : Stream.of(execution));
    }

    /** The provider ids of {@link #enabled} steps. */
    public static Stream<String> enabledAuthenticators(RealmModel realm, String flowId) {
        return enabled(realm, flowId).map(AuthenticationExecutionModel::getAuthenticator).filter(java.util.Objects::nonNull);
    }
}
