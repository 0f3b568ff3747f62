package org.entrasfo.sfo.passkey;

import java.security.cert.X509Certificate;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.SecondFactorCompletion;
import org.keycloak.WebAuthnConstants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionContextResult;
import org.keycloak.authentication.requiredactions.WebAuthnRegister;
import org.keycloak.authentication.requiredactions.WebAuthnRegisterFactory;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.FormPartValue;
import org.keycloak.http.HttpRequest;

/**
 * The first key of a user who has no usable factor, registered inside the SFO flow while an admin-set enrolment window
 * is open: Keycloak's own registration ceremony (its page, its attestation and policy checks, its credential), run
 * as a step of the flow instead of as a required action, so the page posts back to the flow. As with the first code
 * of a new OTP token, the ceremony answered with the new key is the factor passed.
 */
final class PasskeyWindowEnrolment {

    /** Set while a user in an open window is at the registration page; the flow's next post is the ceremony's answer. */
    static final String ENROLLING_NOTE = "entra-sfo.passkey.enrolling";
    /**
     * Keycloak's page offers to sign the user out everywhere, which its required action does before it checks the key:
     * fine for a signed-in user, not for someone who has only passed Entra's first factor.
     */
    static final String LOGOUT_OTHER_SESSIONS = "logout-sessions";

    /** What Keycloak's ceremony decided for one request of the flow. */
    enum Outcome { REGISTERED, SHOWN, FAILED }

    private PasskeyWindowEnrolment() {
    }

    /** Keycloak's registration page, posting back to this step of the flow. */
    static void showPage(AuthenticationFlowContext context) {
        context.getAuthenticationSession().setAuthNote(ENROLLING_NOTE, "true");
        FlowStep step = new FlowStep(context);
        ceremony(context).requiredActionChallenge(step);
        if (step.getChallenge() == null) {
            // Keycloak's "skip if a key exists" answers without a page: nothing to enrol, and nothing passed.
            context.getAuthenticationSession().removeAuthNote(ENROLLING_NOTE);
            SecondFactorCompletion.refuseEnrolment(context, "no registration page: the user holds a key already");
            return;
        }
        context.challenge(step.getChallenge());
    }

    /**
     * Keycloak verifies the browser's answer and stores the key; its own pages answer a retry or a failed ceremony.
     * Its events (a credential update, an error with Keycloak's reason) are written as for its required action. Only
     * a key that is there afterwards counts, whatever status the ceremony reports.
     */
    static Outcome answer(AuthenticationFlowContext context) {
        Optional<RegistrationAnswer.Problem> problem = RegistrationAnswer.problem(context.getHttpRequest().getDecodedFormParameters());
        if (problem.isPresent()) {
            context.getAuthenticationSession().removeAuthNote(WebAuthnConstants.AUTH_CHALLENGE_NOTE);
            context.challenge(RegistrationAnswer.refuse(problem.get(), context.getEvent(), context.form()));
            return Outcome.SHOWN;
        }
        long before = PasskeyAuthenticatorFactory.keyCount(context.getUser());
        FlowStep step = new FlowStep(context);
        ceremony(context).processAction(step);
        if (step.getStatus() == RequiredActionContext.Status.SUCCESS && PasskeyAuthenticatorFactory.keyCount(context.getUser()) > before) {
            // Keycloak writes the credential update when a required action succeeds; here the flow step does.
            step.getEvent().success();
            context.getAuthenticationSession().removeAuthNote(ENROLLING_NOTE);
            return Outcome.REGISTERED;
        }
        if (step.getStatus() == RequiredActionContext.Status.CHALLENGE && step.getChallenge() != null) {
            context.challenge(step.getChallenge());
            return Outcome.SHOWN;
        }
        return Outcome.FAILED;
    }


    private static WebAuthnRegister ceremony(AuthenticationFlowContext context) {
        return (WebAuthnRegister) new WebAuthnRegisterFactory().create(context.getSession());
    }

    /**
     * Keycloak's required-action context around this flow step: its forms are the flow's (so they post back here),
     * its events a copy of the flow's, typed as the registration action's own, and the request without the offer
     * to sign the user out everywhere.
     */
    private static final class FlowStep extends RequiredActionContextResult {

        private final AuthenticationFlowContext flow;

        FlowStep(AuthenticationFlowContext flow) {
            super(flow.getAuthenticationSession(), flow.getRealm(),
                    flow.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION)
                            .detail(Details.CUSTOM_REQUIRED_ACTION, PasskeyRegisterActionFactory.PROVIDER_ID)
                            .detail(EntraEvents.REASON, "enrolment window"),
                    flow.getSession(), new WithoutSignOutEverywhere(flow.getHttpRequest()), flow.getUser(),
                    new PasskeyRegisterActionFactory());
            this.flow = flow;
        }

        @Override
        public LoginFormsProvider form() {
            return flow.form();
        }
    }

    private record WithoutSignOutEverywhere(HttpRequest request) implements HttpRequest {

        @Override
        public MultivaluedMap<String, String> getDecodedFormParameters() {
            MultivaluedMap<String, String> form = new MultivaluedHashMap<>(request.getDecodedFormParameters());
            form.remove(LOGOUT_OTHER_SESSIONS);
            return form;
        }

        @Override
        public String getHttpMethod() {
            return request.getHttpMethod();
        }

        @Override
        public MultivaluedMap<String, FormPartValue> getMultiPartFormParameters() {
            return request.getMultiPartFormParameters();
        }

        @Override
        public HttpHeaders getHttpHeaders() {
            return request.getHttpHeaders();
        }

        @Override
        public X509Certificate[] getClientCertificateChain() {
            return request.getClientCertificateChain();
        }

        @Override
        public UriInfo getUri() {
            return request.getUri();
        }

        @Override
        public boolean isProxyTrusted() {
            return request.isProxyTrusted();
        }
    }
}
