package org.entrasfo.sfo.push;

import java.util.List;

import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.SigningInAs;
import org.entrasfo.sfo.push.challenge.PushChallenge;
import org.entrasfo.sfo.push.enrolment.PushEnrolments;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;

/** The page that shows the number and waits for the device ({@code sfo-push.ftl}). */
final class PushWaitPage {

    /** States in which the page offers another push instead of waiting. */
    private static final List<String> FINISHED = List.of("denied", "wrong_number", "expired", "replaced", "throttled", "locked");

    private PushWaitPage() {
    }

    static Response form(AuthenticationFlowContext context, PushChallenge challenge, String state, String message,
                         Object... parameters) {
        LoginFormsProvider form = SigningInAs.addTo(context.form(), context.getAuthenticationSession())
                .setAttribute("sfoPushState", state)
                .setAttribute("sfoPushFinished", FINISHED.contains(state))
                .setAttribute("sfoPushDevices", PushDeviceCredentialProvider.devicesOf(context.getUser())
                        .map(PushDeviceCredential::deviceName).toList());
        if (challenge != null) {
            form.setAttribute("sfoPushNumber", Integer.toString(challenge.number()))
                    .setAttribute("sfoPushTyped", challenge.matching() == NumberMatching.TYPE)
                    .setAttribute("sfoPushSecondsLeft", Math.max(0, challenge.expiresAt() - Time.currentTime()))
                    .setAttribute("sfoPushStatusUrl", PushEnrolments.realmUrl(context.getSession(), context.getRealm())
                            + "/sfo-push/browser/challenges/" + challenge.id() + "?watch=" + challenge.watchSecret());
        }
        if (message != null) {
            if (FINISHED.contains(state)) {
                form.setError(message, parameters);
            } else {
                form.setInfo(message, parameters);
            }
        }
        return form.createForm(PushApprovalAuthenticator.TEMPLATE);
    }
}
