package org.entrasfo.sfo;

import java.util.Optional;

import org.entrasfo.factor.SecondFactors;
import org.entrasfo.factor.transaction.EntraTransaction;
import org.entrasfo.factor.transaction.LastFactor;
import org.entrasfo.sfo.policy.SecondFactorPolicy;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationSelectionOption;
import org.keycloak.models.Constants;

/**
 * The factor a user passed last is the one they get first. Keycloak starts the first alternative of the flow and
 * reorders only factors with a stored credential, so when it starts another factor this one hands over: a page that
 * picks the remembered factor the way the "Try another way" page does (Keycloak checks the pick against the choices it
 * offers), submitted by itself. Only the order changes: the remembered factor must be among the choices Keycloak offers
 * now, which hold only what the policy step left (a factor it skipped is not there), and nothing is sent or shown by
 * the factor that hands over.
 */
final class RememberedFactorFirst {

    static final String TEMPLATE = "sfo-remembered-factor.ftl";
    static final String ATTRIBUTE = "sfoRememberedFactor";

    private RememberedFactorFirst() {
    }

    /** True when the answer is the hand-over page; the factor must then do nothing else. */
    static boolean handOver(AuthenticationFlowContext context) {
        // A user with no usable factor (first-time enrolment) has nothing to pass "as last time": the flow's order.
        if (context.getUser() == null || context.getExecution() == null || pickedByTheUser(context)
                || SecondFactorPolicy.allowsEnrolment(context.getAuthenticationSession())) {
            return false;
        }
        String current = context.getExecution().getAuthenticator();
        Optional<AuthenticationSelectionOption> remembered = LastFactor.of(context.getUser())
                .filter(factor -> !factor.equals(current))
                .filter(factor -> entraAccepts(context, factor))
                .flatMap(factor -> offered(context, factor));
        remembered.ifPresent(option -> context.challenge(context.form().setAttribute(ATTRIBUTE, option).createForm(TEMPLATE)));
        return remembered.isPresent();
    }

    /** The user chose this factor on the choice page (or the hand-over page did): Keycloak's own field says so. */
    private static boolean pickedByTheUser(AuthenticationFlowContext context) {
        return context.getHttpRequest().getDecodedFormParameters().containsKey(Constants.AUTHENTICATION_EXECUTION);
    }

    /**
     * Entra's request may rule the remembered factor out (its acr/amr); the factor would then refuse the whole
     * transaction, where the one Keycloak started may serve it.
     */
    private static boolean entraAccepts(AuthenticationFlowContext context, String factor) {
        Optional<EntraTransaction> transaction = EntraTransaction.of(context.getAuthenticationSession());
        return transaction.isEmpty() || SecondFactors.byId(context.getSession().getKeycloakSessionFactory(), factor)
                .map(remembered -> transaction.get().requested().admitsAny(remembered.reportableMethods()))
                .orElse(false);
    }

    private static Optional<AuthenticationSelectionOption> offered(AuthenticationFlowContext context, String factor) {
        return context.getAuthenticationSelections() == null ? Optional.empty() : context.getAuthenticationSelections().stream()
                .filter(option -> !option.getAuthenticationExecution().isAuthenticatorFlow())
                .filter(option -> factor.equals(option.getAuthenticationExecution().getAuthenticator()))
                .findFirst();
    }
}
