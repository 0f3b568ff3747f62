package org.entrasfo.sfo.face;

import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.SigningInAs;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The face page ({@code sfo-face.ftl}) as the factor and its enrolment action show it: who is signing in, the steps of
 * a challenge as instructions, how many frames the script may send, and whether it enrols or verifies. The caller
 * draws the challenge and keeps it server side when it will judge the frames against it.
 */
final class FacePage {

    static final String TEMPLATE = "sfo-face.ftl";

    private FacePage() {
    }

    static Response render(LoginFormsProvider form, AuthenticationSessionModel authSession, FaceChallenge challenge,
                           FrameLimits limits, boolean enrolling, String error) {
        SigningInAs.addTo(form, authSession)
                .setAttribute("sfoFaceTurns", challenge.turns().stream().map(Enum::name).toList())
                .setAttribute("sfoFaceMaxFrames", limits.maxFrames())
                .setAttribute("sfoFaceEnrolling", enrolling);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
